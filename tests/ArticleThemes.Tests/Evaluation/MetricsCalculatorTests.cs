using ArticleThemes.Corpus;
using ArticleThemes.Evaluation;
using ArticleThemes.Evaluation.Baselines;

namespace ArticleThemes.Tests.Evaluation;

public class MetricsCalculatorTests
{
    private static readonly string[] s_themes = [ThemeNames.Migration, ThemeNames.Trade];

    [Fact]
    public void Counts_and_rates_follow_the_definitions()
    {
        CorpusDocument[] documents =
        [
            Doc("a", ThemeNames.Migration),
            Doc("b", ThemeNames.Migration, ThemeNames.Trade),
            Doc("c"),
            Doc("d"),
        ];
        ThemeMask[] predicted = [new(0b01), new(0b01), new(0b10), ThemeMask.Empty];

        var m = MetricsCalculator.Compute(s_themes, documents, predicted, null);

        var migration = m.Themes[0];
        Assert.Equal((2, 0, 0), (migration.TruePositives, migration.FalsePositives, migration.FalseNegatives));
        var trade = m.Themes[1];
        Assert.Equal((0, 1, 1), (trade.TruePositives, trade.FalsePositives, trade.FalseNegatives));
        Assert.Equal(0.0, trade.F1);
        Assert.Equal(0.5, m.MacroF1);
        Assert.Equal(2, m.ExactMatches);
        Assert.Equal(0.5, m.FalseAlarmRate);
        Assert.True(double.IsNaN(migration.ExpectedCalibrationError));
    }

    [Fact]
    public void Calibration_error_is_zero_for_perfect_frequencies_and_large_for_confident_mistakes()
    {
        var perfect = Enumerable.Range(0, 10).Select(i => (0.35f, i < 3 || i == 3 && false)).Concat(Enumerable.Range(0, 20).Select(i => (0.35f, i < 7))).ToArray();
        var wrong = Enumerable.Range(0, 10).Select(_ => (0.95f, false)).ToArray();

        Assert.True(MetricsCalculator.ExpectedCalibrationError(perfect) < 0.02);
        Assert.True(MetricsCalculator.ExpectedCalibrationError(wrong) > 0.9);
    }

    [Fact]
    public void The_keyword_baseline_fires_on_its_words_only()
    {
        string[] themes = [ThemeNames.Migration, ThemeNames.Militarization, ThemeNames.Trade];

        Assert.Equal(new ThemeMask(0b001), KeywordLexiconBaseline.Predict("Refugees reached the coast.", themes));
        Assert.Equal(new ThemeMask(0b110), KeywordLexiconBaseline.Predict("Tariffs on tanks.", themes));
        Assert.Equal(ThemeMask.Empty, KeywordLexiconBaseline.Predict("The striker scored twice.", themes));
    }

    private static CorpusDocument Doc(string id, params string[] themes) => new(id, "text " + id, themes, "brief", CorpusSplit.Test);
}
