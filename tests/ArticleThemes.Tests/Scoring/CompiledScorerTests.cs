using ArticleThemes.Featurization;
using ArticleThemes.Scoring;

namespace ArticleThemes.Tests.Scoring;

/// <summary>
/// The scorer sums dot products while featurizing; these tests hold it to the plain definition: the dot product
/// of each head's weights with the unit-length vector that <see cref="TextFeaturizer.Featurize"/> returns.
/// </summary>
public class CompiledScorerTests
{
    // A small feature space and room for texts long enough to saturate a count.
    private static readonly TextFeaturizer s_featurizer = new(new FeaturizerOptions { HashBits = 12, MaxCharacters = 1_000_000 });

    private static readonly string[] s_texts =
    [
        "Navy frigates escort a grain convoy past the strait as the port weighs new export duties.",
        string.Join(' ', Enumerable.Repeat("tariffs on steel", 300)) + " and one quota",
        string.Concat(Enumerable.Repeat("a ", 70_000)) + "border",
        "x",
        "Καθεστώς ασύλου, 難民 и граница 2024 <b>tariff</b>",
    ];

    // Three heads take the unrolled path the default model uses; any other count takes the general one.
    public static TheoryData<int, int> Cases()
    {
        var cases = new TheoryData<int, int>();
        foreach (int heads in new[] { 3, 5 })
        {
            for (int text = 0; text < s_texts.Length; text++)
            {
                cases.Add(heads, text);
            }
        }

        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Linear_heads_score_what_the_featurized_vector_scores(int headCount, int text)
    {
        var heads = RandomLinearHeads(headCount, seed: 11);
        var scorer = new CompiledScorer(s_featurizer, heads);

        var probabilities = new float[headCount];
        Assert.True(scorer.Score(s_texts[text], probabilities));

        Assert.Equal(Reference(s_texts[text], heads), probabilities, (a, b) => Math.Abs(a - b) <= 1e-6f);
    }

    [Fact]
    public void A_text_without_a_word_has_no_features_and_scores_the_biases()
    {
        var heads = RandomLinearHeads(3, seed: 13);
        var scorer = new CompiledScorer(s_featurizer, heads);

        var probabilities = new float[3];
        Assert.False(scorer.Score(" -- !! ... ", probabilities));

        Assert.Equal(heads.Select(h => h.Calibration.Probability(h.Linear!.Bias)), probabilities);
    }

    private static float[] Reference(string text, IReadOnlyList<CompiledHead> heads)
    {
        var (indices, values) = s_featurizer.Featurize(text);
        return heads.Select(head =>
        {
            double dot = head.Linear!.Bias;
            for (int k = 0; k < indices.Length; k++)
            {
                dot += head.Linear.Weights[indices[k]] * (double)values[k];
            }

            return head.Calibration.Probability(dot);
        }).ToArray();
    }

    private static CompiledHead[] RandomLinearHeads(int count, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ =>
        {
            var weights = new float[s_featurizer.Dimension];
            for (int i = 0; i < weights.Length; i++)
            {
                weights[i] = (float)((random.NextDouble() * 4) - 2);
            }

            return new CompiledHead("test", new PlattCalibration(-1, 0), new LinearWeights(weights, random.NextDouble() - 0.5), null);
        }).ToArray();
    }
}
