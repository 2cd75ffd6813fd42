using ArticleThemes.Explanation;
using ArticleThemes.Tests.TestSupport;
using CsCheck;

namespace ArticleThemes.Tests.Explanation;

public class ExplainTests
{
    private const string Tariffs =
        "The government raised tariffs on imported steel and aluminium on Monday, and exporters warned that the trade " +
        "dispute with its largest partner could cut shipments by a third before the customs talks resume.";

    [Fact]
    public void Evidence_and_bias_add_up_to_the_raw_score_for_every_theme_on_corpus_documents()
    {
        var classifier = TestData.Default;
        foreach (var document in TestData.Corpus.Documents.Where((_, i) => i % 6 == 0))
        {
            var all = classifier.Explain(document.Text, int.MaxValue);
            var top = classifier.Explain(document.Text);
            for (int t = 0; t < all.Themes.Count; t++)
            {
                var full = all.Themes[t];
                Assert.True(full.IsExplained);
                Assert.Equal(full.EvidenceCount, full.Evidence.Count);
                Assert.Equal(0, full.OtherContribution);
                double sum = full.Bias + full.Evidence.Sum(e => e.Contribution);
                Assert.True(Math.Abs(sum - full.RawScore) < 1e-4, $"{document.Id} {full.Theme}: bias + evidence {sum} against raw score {full.RawScore}");

                var listed = top.Themes[t];
                Assert.True(listed.Evidence.Count <= 10);
                double listedSum = listed.Bias + listed.Evidence.Sum(e => e.Contribution) + listed.OtherContribution;
                Assert.True(Math.Abs(listedSum - listed.RawScore) < 1e-4, $"{document.Id} {listed.Theme}: {listedSum} against {listed.RawScore}");
            }
        }
    }

    [Fact]
    public void The_raw_score_calibrates_to_the_probability_and_the_prediction_is_Classify_s()
    {
        var classifier = TestData.Default;
        foreach (var document in TestData.Corpus.Test.Take(60))
        {
            var explanation = classifier.Explain(document.Text);
            var prediction = classifier.Classify(document.Text);
            Assert.Equal(prediction.ToString(), explanation.Prediction.ToString());
            for (int t = 0; t < prediction.Scores.Count; t++)
            {
                var theme = explanation.Themes[t];
                Assert.Equal(prediction.Scores[t].Probability, theme.Probability);
                Assert.Equal(prediction.Scores[t].IsPresent, theme.IsPresent);
            }
        }
    }

    [Fact]
    public void A_linear_SDCA_model_is_explained_exactly_too()
    {
        var classifier = ThemeClassifier.Load(new MemoryStream(TestData.SmallModelBytes));
        int wordVectorEvidence = 0;
        foreach (var document in TestData.Corpus.Test.Take(40))
        {
            foreach (var theme in classifier.Explain(document.Text, int.MaxValue).Themes)
            {
                Assert.True(theme.IsExplained);
                Assert.True(Math.Abs(theme.Bias + theme.Evidence.Sum(e => e.Contribution) - theme.RawScore) < 1e-4, $"{document.Id} {theme.Theme}");
                wordVectorEvidence += theme.Evidence.Count(e => e.Kinds.HasFlag(EvidenceKinds.WordVector));
            }
        }

        // The small model reads word vectors: their share is part of the evidence that adds up.
        Assert.True(wordVectorEvidence > 0);
    }

    [Fact]
    public void Evidence_is_strongest_first_and_names_the_words_that_carry_the_theme()
    {
        var explanation = TestData.Default.Explain(Tariffs, 5);
        var trade = explanation[ThemeNames.Trade];

        Assert.True(trade.IsPresent, explanation.Prediction.ToString());
        Assert.Equal(5, trade.Evidence.Count);
        Assert.True(trade.EvidenceCount > 5);
        for (int i = 1; i < trade.Evidence.Count; i++)
        {
            Assert.True(Math.Abs(trade.Evidence[i - 1].Contribution) >= Math.Abs(trade.Evidence[i].Contribution));
        }

        // The strongest positive spans are trade words, not function words.
        var positive = trade.Evidence.Where(e => e.Contribution > 0).Select(e => e.Text.ToLowerInvariant()).ToArray();
        Assert.Contains(positive, p => p.Contains("tariff", StringComparison.Ordinal) || p.Contains("trade", StringComparison.Ordinal) || p.Contains("export", StringComparison.Ordinal) || p.Contains("customs", StringComparison.Ordinal));
    }

    [Fact]
    public void Removing_the_strongest_positive_span_lowers_the_theme_s_probability()
    {
        // Compared on the raw score, which the calibration turns into the probability monotonically: a probability
        // already 1 in single precision cannot show a fall. Contributions are exact for the text as it is; removing a
        // span also changes the vector's length, which rescales every other feature, so the effect can invert
        // now and then. Nearly always it lowers.
        var classifier = TestData.Default;
        int checkedCases = 0;
        var raised = new List<string>();
        foreach (var document in TestData.Corpus.Test.Where(d => d.Themes.Count > 0).Take(60))
        {
            var explanation = classifier.Explain(document.Text);
            foreach (var theme in explanation.Themes.Where(t => t.IsPresent))
            {
                var strongest = theme.Evidence.Where(e => e.Contribution > 0).MaxBy(e => e.Contribution);
                Assert.NotNull(strongest);
                string without = document.Text.Remove(strongest.Start, strongest.Length);
                double after = classifier.Explain(without, 0).Themes.Single(x => x.Theme == theme.Theme).RawScore;
                if (!(after < theme.RawScore))
                {
                    raised.Add($"{document.Id} {theme.Theme}: removing \"{strongest.Text}\" moved the raw score {theme.RawScore:0.000} to {after:0.000}");
                }

                checkedCases++;
            }
        }

        Assert.True(raised.Count <= checkedCases / 20, $"{raised.Count} of {checkedCases} removals did not lower the raw score:\n{string.Join("\n", raised)}");

        Assert.True(checkedCases >= 40, $"only {checkedCases} cases");
    }

    [Fact]
    public void Spans_are_the_substrings_at_their_offsets_for_any_text()
    {
        var classifier = TestData.Default;
        var word = Gen.OneOf<string>(
            "tariffs", "Troops", "migrants", "border", "export", "Zölle", "réfugiés", "соЛдаты", "关税", "2024",
            " ", "  ", "\n", "\n\n", ", ", ". ", "-", "'", "\"",
            "😀", "🇺🇦", "\U0001D400x", "\uD800", "\uDC00", // surrogate pairs, and lone halves
            "e\u0301", "\u0301", "n\u0303o", "क\u093F", "\u200D", // combining marks, zero-width joiner
            "<p>", "</p>", "<b>tariff</b>", "&amp;", "&#8212;", "<a href=\"x\">", "\t", "\0");
        var piece = Gen.Frequency((4, word), (1, Gen.Char.Select(c => c.ToString())));
        var texts = piece.Array[0, 60].Select(parts => string.Concat(parts));

        texts.Sample(text =>
        {
            var explanation = classifier.Explain(text, int.MaxValue);
            Assert.Equal(text.Length, explanation.CharactersRead);
            foreach (var theme in explanation.Themes)
            {
                foreach (var e in theme.Evidence)
                {
                    AssertRealSpan(text, explanation.CharactersRead, e);
                }
            }
        }, iter: 300);
    }

    [Fact]
    public void No_span_goes_past_what_was_read()
    {
        var classifier = TestData.Default;
        int max = classifier.Info.Featurizer.MaxCharacters;
        string filler = string.Concat(Enumerable.Repeat("The weather was mild and the harvest was good. ", (max / 47) + 1))[..(max - 4)] + " ";
        string text = filler + "tariffs on steel exports and troops at the border stopped migrants 😀 tariffs";

        var explanation = classifier.Explain(text, int.MaxValue);

        Assert.Equal(max, explanation.CharactersRead);
        foreach (var theme in explanation.Themes)
        {
            Assert.NotEmpty(theme.Evidence);
            foreach (var e in theme.Evidence)
            {
                AssertRealSpan(text, max, e);
            }
        }

        // "tariffs" is cut to "tar" at the limit: that word is evidence only as far as it was read.
        Assert.Contains(explanation.Themes.SelectMany(t => t.Evidence), e => e.Start == max - 3 && e.Length == 3);
    }

    [Fact]
    public void A_feature_repeated_past_the_count_limit_is_still_shared_exactly()
    {
        // One 100,000-letter word: its chunk "aaaa" occurs more often than a feature count holds (65,535).
        string text = new('a', TestData.Default.Info.Featurizer.MaxCharacters);

        foreach (var theme in TestData.Default.Explain(text, int.MaxValue).Themes)
        {
            Assert.Single(theme.Evidence);
            Assert.True(Math.Abs(theme.Bias + theme.Evidence[0].Contribution - theme.RawScore) < 1e-4, theme.ToString());
        }
    }

    [Fact]
    public void A_text_without_words_has_no_evidence_and_its_raw_score_is_the_bias()
    {
        foreach (string text in new[] { string.Empty, "   ", "😀 !!! 🇺🇦", "\uD800\uDC00" })
        {
            var explanation = TestData.Default.Explain(text);
            Assert.True(explanation.Prediction.IsEmpty);
            foreach (var theme in explanation.Themes)
            {
                Assert.Empty(theme.Evidence);
                Assert.Equal(theme.Bias, theme.RawScore, 9);
            }
        }
    }

    [Fact]
    public void Arguments_are_checked()
    {
        Assert.Throws<ArgumentNullException>(() => TestData.Default.Explain(null!));
        Assert.Throws<ArgumentOutOfRangeException>(() => TestData.Default.Explain("x", -1));
        Assert.All(TestData.Default.Explain(Tariffs, 0).Themes, t => Assert.Empty(t.Evidence));
    }

    internal static void AssertRealSpan(string text, int read, Evidence e)
    {
        Assert.True(e.Start >= 0 && e.Length > 0 && e.Start + e.Length <= read, $"span [{e.Start}, +{e.Length}] outside [0, {read})");
        Assert.Equal(text.Substring(e.Start, e.Length), e.Text);
        Assert.False(char.IsLowSurrogate(text[e.Start]), $"span starts inside a surrogate pair: {e}");
        Assert.False(char.IsHighSurrogate(text[e.Start + e.Length - 1]), $"span ends inside a surrogate pair: {e}");
        Assert.False(char.IsWhiteSpace(text[e.Start]) || char.IsWhiteSpace(text[e.Start + e.Length - 1]), $"span has white space at an end: {e}");
    }
}

/// <summary>
/// The featurizer's span reporting costs <c>Classify</c> nothing: it still allocates only its result. Measured alone,
/// after the parallel tests (on a busy process a batch picked up stray bytes that Release runs alone never show).
/// </summary>
[Collection(SerialTests.Name)]
public class ClassifyAllocationTests
{
    [Theory]
    [InlineData("headline")]
    [InlineData("brief")]
    [InlineData("article")]
    public void Classify_still_allocates_only_its_96_byte_result(string size)
    {
        string text = size switch
        {
            "headline" => "Soldiers were sent to the border to stop migrants crossing the river.",
            "brief" => PassageTests.TradePassage + "\n\n" + PassageTests.BorderPassage,
            _ => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Explanation", "summit-article.txt")),
        };
        var classifier = TestData.Default;
        for (int i = 0; i < 2_000; i++)
        {
            classifier.Classify(text);
        }

        // The least of five batches: a batch can catch a one-off allocation of the runtime (tiered compilation on a
        // busy machine), but a call that allocated more than its result would show in every batch.
        long least = long.MaxValue;
        for (int batch = 0; batch < 5; batch++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 1_000; i++)
            {
                classifier.Classify(text);
            }

            least = Math.Min(least, (GC.GetAllocatedBytesForCurrentThread() - before) / 1_000);
        }

        Assert.Equal(96, least);
    }
}
