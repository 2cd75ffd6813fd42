using ArticleThemes.Semantic;
using ArticleThemes.Tests.TestSupport;
using ArticleThemes.Training;

namespace ArticleThemes.Tests.Training;

public sealed class EmbeddingCacheTests
{
    [Fact]
    public void A_second_run_on_the_same_texts_reads_the_cache_instead_of_the_encoder()
    {
        string directory = TestData.TempPath();
        string[] texts = ["Tariffs on steel rose again.", "The brigade moved north.", string.Empty];
        float[][] first;
        using (var encoder = SentenceEncoder.Create())
        {
            first = EmbeddingCache.GetOrCompute(directory, encoder, texts, CancellationToken.None);
        }

        // The encoder is disposed: only the cache can answer now.
        var disposed = SentenceEncoder.Create();
        disposed.Dispose();
        var second = EmbeddingCache.GetOrCompute(directory, disposed, texts, CancellationToken.None);

        Assert.Equal(first.Length, second.Length);
        for (int i = 0; i < first.Length; i++)
        {
            Assert.Equal(first[i], second[i]);
        }

        Assert.Throws<ObjectDisposedException>(() => EmbeddingCache.GetOrCompute(directory, disposed, ["Another text."], CancellationToken.None));
    }

    [Fact]
    public void A_damaged_cache_file_is_computed_again()
    {
        string directory = TestData.TempPath();
        string[] texts = ["Refugees crossed the river."];
        using var encoder = SentenceEncoder.Create();
        var expected = EmbeddingCache.GetOrCompute(directory, encoder, texts, CancellationToken.None);
        string file = Directory.GetFiles(directory).Single();
        File.WriteAllBytes(file, [1, 2, 3]);

        var again = EmbeddingCache.GetOrCompute(directory, encoder, texts, CancellationToken.None);

        Assert.Equal(expected[0], again[0]);
        Assert.True(new FileInfo(file).Length > 3);
    }

    [Fact]
    public void After_texts_are_added_only_the_new_ones_are_encoded()
    {
        string directory = TestData.TempPath();
        string[] first = ["Tariffs on steel rose again.", "The brigade moved north."];
        string[] second = ["The brigade moved north.", "A new visa rule takes effect.", "Tariffs on steel rose again."];
        using var encoder = SentenceEncoder.Create();
        var before = EmbeddingCache.GetOrCompute(directory, encoder, first, CancellationToken.None);

        var after = EmbeddingCache.GetOrCompute(directory, encoder, second, CancellationToken.None);

        Assert.Equal(before[1], after[0]);
        Assert.Equal(before[0], after[2]);
        Assert.Equal(encoder.Encode(second[1]), after[1], new FloatTolerance(1e-6f));

        // Two files: the first run's two entries, then only the one new text.
        var counts = Directory.GetFiles(directory).Select(EntryCount).Order().ToArray();
        Assert.Equal([1, 2], counts);
    }

    [Fact]
    public void A_text_gets_the_same_floats_whatever_else_is_in_its_batch()
    {
        // What makes reusing cached vectors safe for deterministic training.
        var texts = TestData.Corpus.Documents.Take(40).Select(d => d.Text).ToArray();
        using var encoder = SentenceEncoder.Create();
        var all = encoder.EncodeBatch(texts);
        var half = encoder.EncodeBatch(texts.Skip(15).Take(20).ToArray());

        for (int i = 0; i < half.Length; i++)
        {
            Assert.Equal(all[15 + i], half[i]);
        }
    }

    private static int EntryCount(string path)
    {
        using var reader = new BinaryReader(File.OpenRead(path));
        reader.ReadInt32();
        return reader.ReadInt32();
    }

    private sealed class FloatTolerance(float tolerance) : IEqualityComparer<float>
    {
        public bool Equals(float x, float y) => Math.Abs(x - y) <= tolerance;

        public int GetHashCode(float obj) => 0;
    }
}
