using ArticleThemes.Tests.TestSupport;

namespace ArticleThemes.Tests;

public class ThemeClassifierTests
{
    private const string TroopsAtTheBorder =
        "Two infantry battalions and a squadron of armoured vehicles were ordered to the southern frontier on Monday, " +
        "where soldiers will reinforce border guards trying to stop migrants crossing the river at night. The defence " +
        "ministry said helicopters would patrol the crossings and that troops may detain anyone entering without papers. " +
        "Aid groups said families fleeing the drought in the north are among those turned back at gunpoint, and that the " +
        "camps near the bridge already hold thousands of asylum seekers waiting for their claims to be heard.\n\n" +
        "In the capital, the finance minister met a delegation of foreign investors to discuss a new port and a fund " +
        "for manufacturing, talks both sides called constructive.";

    private const string FootballMatch =
        "Rovers came from behind to beat City 3-2 on Saturday, with the winning goal arriving in the 89th minute after a " +
        "goalmouth scramble. The home side had trailed at half-time but their captain levelled with a header from a corner, " +
        "and the substitute striker added two more before the visitors pulled one back. The result lifts Rovers to third " +
        "in the league table, two points behind the leaders, with five matches left to play.";

    private const string BirdMigration =
        "Thousands of cranes have begun their autumn migration south, and birdwatchers gathered at the lake at dawn to " +
        "count the flocks as they landed to feed. Ornithologists say the birds arrived a week earlier than last year, " +
        "possibly because of the cold snap in the north, and will rest for several days before flying on to their " +
        "wintering grounds.";

    [Fact]
    public void Default_model_labels_the_three_themes()
    {
        Assert.Equal([ThemeNames.Migration, ThemeNames.Militarization, ThemeNames.Trade], TestData.Default.Themes);
    }

    [Fact]
    public void Troops_sent_to_stop_migrants_are_migration_and_militarization()
    {
        var prediction = TestData.Default.Classify(TroopsAtTheBorder);

        Assert.True(prediction.Contains(ThemeNames.Migration), prediction.ToString());
        Assert.True(prediction.Contains(ThemeNames.Militarization), prediction.ToString());
    }

    [Theory]
    [InlineData(FootballMatch)]
    [InlineData(BirdMigration)]
    public void Look_alikes_carry_no_theme(string text)
    {
        var prediction = TestData.Default.Classify(text);

        Assert.True(prediction.IsEmpty, prediction.ToString());
        Assert.Empty(prediction.Themes);
    }

    [Fact]
    public void Classify_null_throws_ArgumentNullException()
    {
        Assert.Throws<ArgumentNullException>(() => TestData.Default.Classify((string)null!));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \t\r\n  ")]
    [InlineData("!!! ... ??? --- ;;; \"\" ()")]
    public void Text_without_words_has_no_theme(string text)
    {
        var prediction = TestData.Default.Classify(text);

        Assert.True(prediction.IsEmpty);
        Assert.All(prediction.Scores, s => Assert.False(s.IsPresent));
    }

    [Fact]
    public void Every_theme_has_a_probability_and_a_consistent_decision()
    {
        foreach (var document in TestData.Corpus.Test.Take(100))
        {
            var prediction = TestData.Default.Classify(document.Text);

            Assert.Equal(3, prediction.Scores.Count);
            foreach (var score in prediction.Scores)
            {
                Assert.InRange(score.Probability, 0f, 1f);
                Assert.Equal(score.Probability >= score.Threshold, score.IsPresent);
                Assert.Equal(score.Probability, prediction.Probability(score.Theme));
                Assert.Equal(score.IsPresent, prediction.Contains(score.Theme));
            }
        }
    }

    [Fact]
    public void Present_themes_are_ordered_by_probability()
    {
        var multi = TestData.Corpus.Test.Select(d => TestData.Default.Classify(d.Text)).Where(p => p.Themes.Count >= 2).ToArray();

        Assert.NotEmpty(multi);
        foreach (var prediction in multi)
        {
            var probabilities = prediction.Themes.Select(prediction.Probability).ToArray();
            Assert.Equal(probabilities.OrderByDescending(p => p), probabilities);
        }
    }

    [Fact]
    public void Unknown_theme_names_are_reported_with_the_known_ones()
    {
        var prediction = TestData.Default.Classify("Anything at all.");

        var error = Assert.Throws<KeyNotFoundException>(() => prediction.Probability("sport"));
        Assert.Contains("migration", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Batch_returns_the_same_predictions_in_the_same_order()
    {
        var texts = TestData.Corpus.Test.Select(d => d.Text).Take(300).ToArray();

        var batch = TestData.Default.ClassifyBatch(texts);

        Assert.Equal(texts.Length, batch.Count);
        for (int i = 0; i < texts.Length; i++)
        {
            var single = TestData.Default.Classify(texts[i]);
            Assert.Equal(single.Scores.Select(s => s.Probability), batch[i].Scores.Select(s => s.Probability));
        }
    }

    [Fact]
    public void Batch_observes_cancellation()
    {
        var texts = Enumerable.Repeat(TroopsAtTheBorder, 10_000).ToArray();
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() => TestData.Default.ClassifyBatch(texts, 2, cancellation.Token));
        Assert.ThrowsAny<OperationCanceledException>(() => TestData.Default.ClassifyBatch(texts, 1, cancellation.Token));
    }

    [Fact]
    public void Batch_rejects_null_texts_by_position()
    {
        var error = Assert.Throws<ArgumentException>(() => TestData.Default.ClassifyBatch(["a", null!, "c"]));
        Assert.Contains("Text 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Many_threads_on_one_classifier_give_the_sequential_results()
    {
        var texts = TestData.Corpus.Documents.Select(d => d.Text).Take(400).ToArray();
        var expected = texts.Select(t => TestData.Default.Classify(t).ToString()).ToArray();
        var actual = new string[8][];

        Parallel.For(0, 8, new ParallelOptions { MaxDegreeOfParallelism = 8 }, worker =>
        {
            // Each worker starts at its own offset so that threads interleave differently.
            var results = new string[texts.Length];
            for (int k = 0; k < texts.Length; k++)
            {
                int i = (k + (worker * 53)) % texts.Length;
                results[i] = TestData.Default.Classify(texts[i]).ToString();
            }

            actual[worker] = results;
        });

        foreach (var results in actual)
        {
            Assert.Equal(expected, results);
        }
    }

    [Fact]
    public void Span_and_string_overloads_agree()
    {
        string text = TestData.Corpus.Documents[0].Text;

        Assert.Equal(TestData.Default.Classify(text).ToString(), TestData.Default.Classify(text.AsSpan()).ToString());
    }
}
