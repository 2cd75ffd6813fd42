using ArticleThemes.Corpus;
using ArticleThemes.Tests.TestSupport;

namespace ArticleThemes.Tests.Cli;

public class TrainAndEvaluateCommandTests
{
    [Fact]
    public void Train_writes_a_loadable_model_and_refuses_to_overwrite_without_force()
    {
        string corpus = SmallCorpusFile();
        string model = TestData.TempPath(".zip");

        var (code, output, error) = CliRunner.Run(["train", "--data", corpus, "--output", model, "--trainer", "sdca", "--folds", "3", "--embedding-cache", TestData.EmbeddingCacheDirectory]);

        Assert.True(code == 0, error);
        Assert.Contains("| sdca (chosen) |", output, StringComparison.Ordinal);
        Assert.Contains("Cross-validating sdca", error, StringComparison.Ordinal);
        Assert.Equal(3, ThemeClassifier.Load(model).Themes.Count);
        var before = File.ReadAllBytes(model);

        var (again, _, refusal) = CliRunner.Run(["train", "--data", corpus, "--output", model, "--trainer", "sdca", "--folds", "3"]);

        Assert.Equal(2, again);
        Assert.Contains("--force", refusal, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(model));

        var (forced, _, _) = CliRunner.Run(["train", "--data", corpus, "--output", model, "--trainer", "sdca", "--folds", "3", "--force", "--embedding-cache", TestData.EmbeddingCacheDirectory]);
        Assert.Equal(0, forced);
    }

    [Fact]
    public void Train_with_bad_data_exits_2_and_writes_no_model()
    {
        string corpus = CliRunner.WriteTemp("{\"id\":\"a\",\"text\":\"x\",\"themes\":[],\"genre\":\"brief\",\"split\":\"train\"}\n{\"id\":\"a\"}\n");
        string model = TestData.TempPath(".zip");

        var (code, _, error) = CliRunner.Run(["train", "--data", corpus, "--output", model]);

        Assert.Equal(2, code);
        Assert.Contains($"{corpus}:2: ", error, StringComparison.Ordinal);
        Assert.False(File.Exists(model));
    }

    [Fact]
    public void Train_rejects_an_unknown_trainer()
    {
        var (code, _, error) = CliRunner.Run(["train", "--data", "x", "--output", "y", "--trainer", "forest"]);

        Assert.Equal(2, code);
        Assert.Contains("--trainer must be", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--hash-bits", "30", "--hash-bits must be between 10 and 24")]
    [InlineData("--folds", "1", "--folds must be between 2 and 20")]
    public void Train_rejects_out_of_range_settings(string option, string value, string message)
    {
        var (code, _, error) = CliRunner.Run(["train", "--data", "x", "--output", TestData.TempPath(".zip"), option, value]);

        Assert.Equal(2, code);
        Assert.Contains(message, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Train_uses_the_asked_feature_space()
    {
        string model = TestData.TempPath(".zip");

        var (code, _, error) = CliRunner.Run(["train", "--data", SmallCorpusFile(), "--output", model, "--trainer", "sdca", "--folds", "2", "--hash-bits", "12", "--embedding-cache", TestData.EmbeddingCacheDirectory]);

        Assert.True(code == 0, error);
        Assert.Equal(12, ThemeClassifier.Load(model).Info.Featurizer.HashBits);
    }

    [Fact]
    public void Evaluate_writes_a_report_with_baselines_and_plots()
    {
        string corpus = SmallCorpusFile();
        string model = TestData.TempPath(".zip");
        TestData.SmallModel.Save(model, overwrite: false);
        string report = TestData.TempPath();

        var (code, output, error) = CliRunner.Run(["evaluate", "--model", model, "--data", corpus, "--report", report]);

        Assert.True(code == 0, error);
        Assert.Contains("Report written", output, StringComparison.Ordinal);
        string markdown = File.ReadAllText(Path.Combine(report, "README.md"));
        Assert.Contains("baseline: keyword lexicon", markdown, StringComparison.Ordinal);
        Assert.Contains("baseline: textbook ML.NET", markdown, StringComparison.Ordinal);
        Assert.Contains("| genre | headline |", markdown, StringComparison.Ordinal);
        Assert.Contains("worst errors", markdown, StringComparison.Ordinal);
        Assert.Contains("(matches)", markdown, StringComparison.Ordinal);
        foreach (var png in new[] { "precision-recall.png", "reliability.png", "confusion.png" })
        {
            var bytes = File.ReadAllBytes(Path.Combine(report, png));
            Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], bytes[..4]);
        }
    }

    [Fact]
    public void Evaluate_with_real_text_links_its_per_source_plot_under_the_per_source_table()
    {
        string corpus = SmallCorpusFile();
        string model = TestData.TempPath(".zip");
        TestData.SmallModel.Save(model, overwrite: false);
        string report = TestData.TempPath();
        string set = Path.Combine(TestData.TempPath(), "my set.jsonl");
        Directory.CreateDirectory(Path.GetDirectoryName(set)!);
        // Written for this test: two sources in the evaluation-set format.
        File.WriteAllText(set, """
            {"id":"r-1","text":"The ministry raised import duties on steel coils and cut the quota for foreign cars.","themes":["trade"],"source":"wire"}
            {"id":"r-2","text":"Asylum seekers waited two years for a decision on their claims.","themes":["migration"],"source":"wire"}
            {"id":"r-3","text":"Two frigates and a marine battalion sailed for the northern bases.","themes":["militarization"],"source":"speech"}
            {"id":"r-4","text":"We will build more schools and hire more teachers.","themes":[],"source":"speech"}
            """);

        var (code, output, error) = CliRunner.Run(["evaluate", "--model", model, "--data", corpus, "--realtext", set, "--report", report]);

        Assert.True(code == 0, error);
        Assert.Contains("with 4 plots", output, StringComparison.Ordinal);
        var bytes = File.ReadAllBytes(Path.Combine(report, "my-set-per-source.png"));
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], bytes[..4]);
        string markdown = File.ReadAllText(Path.Combine(report, "README.md"));
        int section = markdown.IndexOf("## Real text: `my set.jsonl`", StringComparison.Ordinal);
        int table = markdown.IndexOf("| source | texts |", section, StringComparison.Ordinal);
        Assert.True(section >= 0 && table > section, markdown);
        Assert.True(markdown.IndexOf("](my-set-per-source.png)", StringComparison.Ordinal) > table, "the plot is linked under the per-source table");
    }

    [Fact]
    public void Corpus_check_passes_the_shipped_corpus_and_stats_count_it()
    {
        var (code, output, error) = CliRunner.Run(["corpus", "check", "--data", TestData.CorpusPath, "--minimums"]);
        Assert.True(code == 0, error);
        Assert.Contains("all checks passed", output, StringComparison.Ordinal);

        var (statsCode, stats, _) = CliRunner.Run(["corpus", "stats", "--data", TestData.CorpusPath]);
        Assert.Equal(0, statsCode);
        Assert.Contains($"**{TestData.Corpus.Documents.Count} documents**", stats, StringComparison.Ordinal);
    }

    [Fact]
    public void Corpus_check_fails_on_a_leak_across_splits()
    {
        var original = TestData.Corpus.Train.First(d => d.WordCount > 60);
        string path = TestData.TempPath(".jsonl");
        using (var stream = File.Create(path))
        {
            CorpusWriter.Write(stream, [original, original with { Id = "leak", Split = CorpusSplit.Test }]);
        }

        var (code, _, error) = CliRunner.Run(["corpus", "check", "--data", path]);

        Assert.Equal(2, code);
        Assert.Contains("near-duplicates", error, StringComparison.Ordinal);
    }

    private static string SmallCorpusFile()
    {
        string path = TestData.TempPath(".jsonl");
        using var stream = File.Create(path);
        CorpusWriter.Write(stream, TestData.SmallCorpus().Documents);
        return path;
    }

    [Fact]
    public void Train_refuses_a_directory_as_output_before_reading_the_corpus()
    {
        string directory = TestData.TempPath();
        Directory.CreateDirectory(directory);

        var (code, _, error) = CliRunner.Run(["train", "--data", "does-not-exist.jsonl", "--output", directory]);

        Assert.Equal(2, code);
        Assert.Contains("this is a directory", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_refuses_a_file_as_report_directory_before_evaluating()
    {
        string file = CliRunner.WriteTemp("not a directory", ".md");

        var (code, _, error) = CliRunner.Run(["evaluate", "--data", "does-not-exist.jsonl", "--report", file]);

        Assert.Equal(2, code);
        Assert.Contains("--report takes a directory", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Train_warns_when_a_theme_has_no_document()
    {
        var documents = TestData.SmallCorpus(every: 8).Documents.Where(d => !d.Has(ThemeNames.Trade)).ToArray();
        string corpus = TestData.TempPath(".jsonl");
        using (var stream = File.Create(corpus))
        {
            ArticleThemes.Corpus.CorpusWriter.Write(stream, documents);
        }

        var (code, _, error) = CliRunner.Run(["train", "--data", corpus, "--output", TestData.TempPath(".zip"), "--trainer", "sdca", "--folds", "2", "--embedding-cache", TestData.EmbeddingCacheDirectory]);

        Assert.Equal(0, code);
        Assert.Contains("carries the theme 'trade'", error, StringComparison.Ordinal);
    }
}
