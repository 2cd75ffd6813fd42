using System.Text;
using ArticleThemes.Corpus;
using ArticleThemes.Evaluation;
using ArticleThemes.Evaluation.Baselines;
using ArticleThemes.Tests.TestSupport;

namespace ArticleThemes.Tests.Evaluation;

public sealed class RealTextEvaluationTests
{
    // Written for this test: a handful of texts in the evaluation-set format, two sources.
    internal const string Set = """
        {"id":"s-1","text":"The ministry raised import duties on steel coils and cut the quota for foreign cars.","themes":["trade"],"source":"wire"}
        {"id":"s-2","text":"Asylum seekers waited two years for a decision on their claims.","themes":["migration"],"source":"wire"}
        {"id":"s-3","text":"The council voted to repave the high street next spring.","themes":[],"source":"wire"}
        {"id":"s-4","text":"Two frigates and a marine battalion sailed for the northern bases.","themes":["militarization"],"source":"speech"}
        {"id":"s-5","text":"We will build more schools and hire more teachers.","themes":[],"source":"speech"}
        """;

    [Fact]
    public void An_evaluation_set_reads_source_as_its_group_and_is_all_test()
    {
        var set = Load(Set);

        Assert.Equal(5, set.Documents.Count);
        Assert.All(set.Documents, d => Assert.Equal(CorpusSplit.Test, d.Split));
        Assert.Equal(["speech", "wire"], set.Documents.Select(d => d.Genre).Distinct().Order());
    }

    [Fact]
    public void A_line_without_source_is_rejected_with_its_line()
    {
        var error = Assert.Throws<DataFormatException>(() => Load("""{"id":"x","text":"A text.","themes":[]}"""));

        Assert.Contains(":1: ", error.Message, StringComparison.Ordinal);
        Assert.Contains("\"source\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Metrics_are_reported_overall_and_per_source_for_the_model_and_every_baseline()
    {
        var evaluation = RealTextEvaluation.Evaluate(TestData.Default, TestData.SmallCorpus(), Load(Set), [new KeywordLexiconBaseline()]);

        Assert.Equal(5, evaluation.Documents);
        Assert.Equal(5, evaluation.Model.Overall.Documents);
        Assert.Equal(["speech", "wire"], evaluation.Model.Sources.Select(s => s.Source));
        Assert.Equal(2, evaluation.Model.Sources.Single(s => s.Source == "speech").Metrics.Documents);
        Assert.Equal(2, evaluation.Model.Overall.NoThemeDocuments);
        Assert.Single(evaluation.Baselines);
        string markdown = evaluation.ToMarkdown();
        Assert.Contains("| wire | trade | 1 |", markdown, StringComparison.Ordinal);
        Assert.Contains("baseline: keyword lexicon", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Macro_F1_of_a_source_averages_only_the_themes_it_has()
    {
        var metrics = MetricsCalculator.Compute(
            [ThemeNames.Migration, ThemeNames.Trade],
            [Doc("a", ThemeNames.Trade), Doc("b")],
            [new ThemeMask(0b10), ThemeMask.Empty],
            null);

        Assert.Equal(1.0, RealTextEvaluation.MacroF1(metrics));
    }

    [Fact]
    public void The_gate_lists_every_bar_missed()
    {
        var evaluation = RealTextEvaluation.Evaluate(TestData.Default, TestData.SmallCorpus(), Load(Set), [new KeywordLexiconBaseline()]);
        var impossible = new RealTextGate(MinMacroF1: 1.01, MinSourceThemeF1: 1.01, SourceThemeMinPositives: 1, MaxFalseAlarmRate: -1, MinLeadOverKeywords: 2);
        var lenient = new RealTextGate(MinMacroF1: 0, MinSourceThemeF1: 0, SourceThemeMinPositives: 1, MaxFalseAlarmRate: 1, MinLeadOverKeywords: -2);

        var misses = impossible.Check(evaluation, "keyword lexicon");

        Assert.Contains(misses, m => m.StartsWith("macro-F1", StringComparison.Ordinal));
        Assert.Contains(misses, m => m.StartsWith("wire, trade (1 positives)", StringComparison.Ordinal));
        Assert.Contains(misses, m => m.StartsWith("speech: false alarms", StringComparison.Ordinal));
        Assert.Contains(misses, m => m.Contains("keyword baseline", StringComparison.Ordinal));
        Assert.Empty(lenient.Check(evaluation, "keyword lexicon"));
    }

    private static LabeledCorpus Load(string text)
    {
        string path = TestData.TempPath(".jsonl");
        File.WriteAllText(path, text, new UTF8Encoding(false));
        return CorpusReader.LoadEvaluationSet(path);
    }

    private static CorpusDocument Doc(string id, params string[] themes) => new(id, "text", themes, "wire", CorpusSplit.Test);
}
