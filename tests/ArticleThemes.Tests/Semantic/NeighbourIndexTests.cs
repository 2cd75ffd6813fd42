using ArticleThemes.Semantic;

namespace ArticleThemes.Tests.Semantic;

/// <summary>The accurate tier's neighbour margins, against a brute-force reading of their definition.</summary>
public sealed class NeighbourIndexTests
{
    private const int Themes = 3;

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(40)] // more than a side has: every document of the side counts
    public void Margins_are_the_mean_of_the_k_most_similar_with_a_theme_minus_those_without(int k)
    {
        var (embeddings, masks) = RandomDocuments(60, seed: 3);
        var index = NeighbourIndex.Create(embeddings, masks, Themes, k, scale: 10f);
        var query = RandomUnitVector(new Random(99));
        var margins = new float[Themes];

        index.Margins(query, margins);

        var expected = BruteForce(index, masks, query, k, _ => true);
        for (int t = 0; t < Themes; t++)
        {
            Assert.Equal(10 * expected[t], margins[t], 1e-4);
        }
    }

    [Fact]
    public void Excluding_a_group_reads_as_if_its_documents_were_not_in_the_index()
    {
        var (embeddings, masks) = RandomDocuments(60, seed: 5);
        var groups = Enumerable.Range(0, 60).Select(i => i % 7).ToArray();
        var index = NeighbourIndex.Create(embeddings, masks, Themes, k: 4);
        var without = NeighbourIndex.Create(embeddings.Where((_, i) => groups[i] != 2).ToArray(), masks.Where((_, i) => groups[i] != 2).ToArray(), Themes, k: 4);
        var query = embeddings[14]; // a document of group 0: its own group stays in
        var excluded = new float[Themes];
        var rebuilt = new float[Themes];
        var all = new float[Themes];

        index.Margins(query, excluded, groups, excludeGroup: 2);
        without.Margins(query, rebuilt);
        index.Margins(query, all);

        Assert.Equal(rebuilt, excluded);
        Assert.NotEqual(all, excluded);
    }

    [Fact]
    public void A_side_with_no_document_counts_as_similarity_zero()
    {
        var (embeddings, _) = RandomDocuments(10, seed: 8);
        var masks = Enumerable.Repeat(0b001, 10).ToArray(); // every document has theme 0; none has 1 or 2
        var index = NeighbourIndex.Create(embeddings, masks, Themes, k: 3, scale: 1f);
        var query = embeddings[0];
        var margins = new float[Themes];

        index.Margins(query, margins);

        var top = Enumerable.Range(0, 10).Select(i => Dot(query, index.Vector(i))).OrderDescending().Take(3).Average();
        Assert.Equal(top, margins[0], 1e-5);
        Assert.Equal(-top, margins[1], 1e-5);
        Assert.Equal(-top, margins[2], 1e-5);
    }

    [Fact]
    public void The_stored_vectors_are_the_embeddings_in_half_precision()
    {
        var (embeddings, masks) = RandomDocuments(4, seed: 11);
        var index = NeighbourIndex.Create(embeddings, masks, Themes);

        Assert.Equal(embeddings[2].Select(v => (float)(Half)v).ToArray(), index.Vector(2).ToArray());
    }

    [Fact]
    public void An_index_read_back_gives_the_same_margins()
    {
        var (embeddings, masks) = RandomDocuments(30, seed: 13);
        var index = NeighbourIndex.Create(embeddings, masks, Themes, k: 6, scale: 10f);
        var read = NeighbourIndex.Deserialize(index.Serialize(), documents: 30, Themes, k: 6, scale: 10f);
        var query = RandomUnitVector(new Random(1));
        var before = new float[Themes];
        var after = new float[Themes];

        index.Margins(query, before);
        read.Margins(query, after);

        Assert.Equal(before, after);
    }

    [Fact]
    public void An_entry_that_does_not_match_the_manifest_is_a_format_error()
    {
        var (embeddings, masks) = RandomDocuments(30, seed: 17);
        byte[] bytes = NeighbourIndex.Create(embeddings, masks, Themes).Serialize();

        Assert.Throws<FormatException>(() => NeighbourIndex.Deserialize(bytes, documents: 31, Themes, k: 20, scale: 10f));
        Assert.Throws<FormatException>(() => NeighbourIndex.Deserialize(bytes, documents: 30, themeCount: 2, k: 20, scale: 10f));
        Assert.Throws<FormatException>(() => NeighbourIndex.Deserialize(bytes.AsSpan(0, bytes.Length - 2), documents: 30, Themes, k: 20, scale: 10f));
        Assert.Throws<FormatException>(() => NeighbourIndex.Deserialize(new byte[64], documents: 30, Themes, k: 20, scale: 10f));
    }

    private static float[] BruteForce(NeighbourIndex index, int[] masks, float[] query, int k, Func<int, bool> included)
    {
        var margins = new float[Themes];
        var similarities = Enumerable.Range(0, masks.Length).Where(included).Select(i => (Index: i, Similarity: Dot(query, index.Vector(i)))).ToArray();
        for (int t = 0; t < Themes; t++)
        {
            double Side(bool with)
            {
                var top = similarities.Where(s => ((masks[s.Index] >> t) & 1) == (with ? 1 : 0)).Select(s => (double)s.Similarity).OrderDescending().Take(k).ToArray();
                return top.Length == 0 ? 0 : top.Average();
            }

            margins[t] = (float)(Side(true) - Side(false));
        }

        return margins;
    }

    private static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        double sum = 0;
        for (int i = 0; i < a.Length; i++)
        {
            sum += a[i] * (double)b[i];
        }

        return (float)sum;
    }

    private static (float[][] Embeddings, int[] Masks) RandomDocuments(int count, int seed)
    {
        var random = new Random(seed);
        var embeddings = Enumerable.Range(0, count).Select(_ => RandomUnitVector(random)).ToArray();
        var masks = Enumerable.Range(0, count).Select(_ => random.Next(1 << Themes)).ToArray();
        return (embeddings, masks);
    }

    private static float[] RandomUnitVector(Random random)
    {
        var vector = Enumerable.Range(0, SentenceEncoder.Dimensions).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
        float norm = MathF.Sqrt(vector.Sum(v => v * v));
        return vector.Select(v => v / norm).ToArray();
    }
}
