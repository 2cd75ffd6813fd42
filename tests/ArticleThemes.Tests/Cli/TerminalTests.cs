using System.Text;
using System.Text.Json;
using ArticleThemes.Cli;
using ArticleThemes.Cli.Terminal;
using ArticleThemes.Tests.TestSupport;
using Spectre.Console;
using Spectre.Console.Testing;

namespace ArticleThemes.Tests.Cli;

/// <summary>Tables and progress bars only for a person at a terminal; redirected output stays exactly as it was.</summary>
public sealed class TerminalTests
{
    private const char Escape = '\u001b';

    [Theory]
    [InlineData(false, false, null, null, null, true, true)]
    [InlineData(true, true, null, null, null, false, false)]
    [InlineData(false, true, null, null, null, true, false)]
    [InlineData(true, false, null, null, null, false, true)]
    [InlineData(false, false, null, "dumb", null, false, false)]
    [InlineData(false, false, null, null, "true", true, false)]
    [InlineData(false, false, null, null, "false", true, true)]
    [InlineData(false, false, "1", "xterm", null, true, true)]
    public void Terminal_rules(bool outputRedirected, bool errorRedirected, string? noColor, string? term, string? ci, bool tables, bool progress)
    {
        var environment = new Dictionary<string, string?> { ["NO_COLOR"] = noColor, ["TERM"] = term, ["CI"] = ci };

        var info = TerminalInfo.Detect(outputRedirected, errorRedirected, name => environment.GetValueOrDefault(name));

        Assert.Equal(tables, info.Tables);
        Assert.Equal(progress, info.Progress);
        Assert.Equal(noColor is not null, info.NoColor);
    }

    [Fact]
    public void A_redirected_predict_text_prints_the_plain_table_byte_for_byte()
    {
        const string Text = "Soldiers were sent to the border to stop migrants crossing the river.";
        var prediction = TestData.Default.Classify(Text);
        var expected = new StringBuilder();
        expected.Append("Theme             Probability  Threshold  Present\n");
        foreach (var score in prediction.Scores)
        {
            expected.Append(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{score.Theme,-16}  {score.Probability,11:0.000}  {score.Threshold,9:0.000}  {(score.IsPresent ? "yes" : "no")}\n"));
        }

        expected.Append("Themes: ").Append(string.Join(", ", prediction.Themes)).Append('\n');

        var (code, output, error) = CliRunner.Run(["predict", "--text", Text]);

        Assert.Equal(0, code);
        Assert.Equal(expected.ToString(), output.Replace("\r\n", "\n", StringComparison.Ordinal));
        Assert.Equal(string.Empty, error);
    }

    [Fact]
    public void At_a_terminal_predict_text_draws_a_table_with_the_decisions()
    {
        var output = new StringWriter();
        var error = new StringWriter();
        using var console = new CliConsole(() => new MemoryStream(), output, error, terminal: new TerminalInfo(true, true, NoColor: true, Dumb: false, ContinuousIntegration: false));

        int code = CliApp.Run(["predict", "--text", "Soldiers were sent to the border to stop migrants crossing the river."], console);

        Assert.Equal(0, code);
        string text = output.ToString();
        Assert.Contains("Decision", text, StringComparison.Ordinal);
        Assert.Contains("present", text, StringComparison.Ordinal);
        Assert.Contains("│", text, StringComparison.Ordinal);
        // The decided themes, strongest first: both at 1.000 here, so either order is right.
        string themes = text.Split('\n').Single(line => line.StartsWith("Themes: ", StringComparison.Ordinal)).Trim();
        Assert.Equal(["migration", "militarization"], themes["Themes: ".Length..].Split(", ").Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_prediction_table_renders_every_theme_probability_and_decision()
    {
        var prediction = TestData.Default.Classify("Customs raised the tariff on imported steel.");
        var console = new TestConsole().Width(100);

        TerminalTables.WritePrediction(console, prediction);

        foreach (var score in prediction.Scores)
        {
            string row = console.Lines.Single(l => l.Contains(score.Theme + " ", StringComparison.Ordinal));
            Assert.Contains(score.Probability.ToString("0.000", System.Globalization.CultureInfo.InvariantCulture), row, StringComparison.Ordinal);
            Assert.Contains(score.IsPresent ? "present" : "absent", row, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_markdown_summary_becomes_a_table_with_its_own_numbers()
    {
        const string Markdown = "| predictor | macro-F1 | F1 trade |\n|---|---:|---:|\n| **ArticleThemes** | 0.904 | 0.914 |\n| baseline: keyword lexicon | 0.758 | 0.769 |\n\n- *keyword lexicon*: text.\n";
        var console = new TestConsole().Width(100);

        TerminalTables.WriteMarkdownTable(console, "Test split", Markdown);

        Assert.Contains(console.Lines, l => l.Contains("ArticleThemes", StringComparison.Ordinal) && l.Contains("0.904", StringComparison.Ordinal) && !l.Contains("**", StringComparison.Ordinal));
        Assert.Contains(console.Lines, l => l.Contains("baseline: keyword lexicon", StringComparison.Ordinal) && l.Contains("0.769", StringComparison.Ordinal));
        Assert.DoesNotContain(console.Lines, l => l.Contains("---", StringComparison.Ordinal) || l.Contains("keyword lexicon*", StringComparison.Ordinal));
    }

    [Fact]
    public void On_a_narrow_terminal_the_row_names_stay_whole()
    {
        const string Markdown = "| predictor | macro-F1 | F1 migration | F1 militarization | F1 trade | exact match | false alarms (no theme) | false alarms (hard negatives) |\n|---|---:|---:|---:|---:|---:|---:|---:|\n| **ArticleThemes** | 0.904 | 0.880 | 0.917 | 0.914 | 0.868 | 0.066 | 0.114 |\n| baseline: textbook ML.NET | 0.764 | 0.812 | 0.761 | 0.719 | 0.743 | 0.067 | 0.087 |\n";
        var console = new TestConsole().Width(80);

        TerminalTables.WriteMarkdownTable(console, "Test split", Markdown);

        Assert.Contains(console.Lines, l => l.Contains("baseline: textbook ML.NET", StringComparison.Ordinal) && l.Contains("0.764", StringComparison.Ordinal) && l.Contains("0.087", StringComparison.Ordinal));
        Assert.Contains(console.Lines, l => l.Contains("ArticleThemes", StringComparison.Ordinal) && "0.904 0.880 0.917 0.914 0.868 0.066 0.114".Split(' ').All(n => l.Contains(n, StringComparison.Ordinal)));
        Assert.All(console.Lines, l => Assert.True(l.Length <= 80, l));
    }

    [Fact]
    public void Without_a_terminal_progress_is_only_the_messages_as_before()
    {
        var error = new StringWriter();

        int result = LiveProgress.Run(null, error, "Training", live =>
        {
            live.Note("Cross-validating sdca...");
            live.Update(3, 10, "fit 3 of 10");
            return 7;
        });

        Assert.Equal(7, result);
        Assert.Equal("Cross-validating sdca..." + Environment.NewLine, error.ToString());
    }

    [Fact]
    public void On_a_terminal_progress_draws_a_bar_and_keeps_the_messages()
    {
        var screen = new StringWriter();
        var ansi = TerminalTables.Create(screen, color: false);

        LiveProgress.Run(ansi, new StringWriter(), "Training", live =>
        {
            live.Note("Cross-validating sdca...");
            live.Update(10, 10, "fit 10 of 10");
            return 0;
        });

        string drawn = screen.ToString();
        Assert.Contains("Cross-validating sdca...", drawn, StringComparison.Ordinal);
        Assert.Contains(Escape, drawn);
    }

    [Fact]
    public void Train_through_the_console_prints_the_same_messages_and_no_escapes_when_redirected()
    {
        string corpus = TestData.TempPath(".jsonl");
        File.WriteAllLines(corpus, File.ReadLines(TestData.CorpusPath).Where((_, i) => i % 8 == 0));
        string model = TestData.TempPath(".zip");

        var (code, output, error) = CliRunner.Run(["train", "--data", corpus, "--output", model, "--trainer", "sdca", "--folds", "2"]);

        Assert.True(code == 0, error);
        Assert.DoesNotContain(Escape, output);
        Assert.DoesNotContain(Escape, error);
        Assert.Contains("Cross-validating sdca (2 folds x 3 themes)...", error, StringComparison.Ordinal);
        Assert.DoesNotContain("head fit", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_real_process_with_redirected_streams_writes_no_escapes_or_progress_even_on_a_colour_terminal_type()
    {
        string input = CliRunner.WriteTemp(string.Concat(TestData.Corpus.Documents.Take(2000).Select((d, i) => $"{{\"id\":{i},\"text\":{JsonSerializer.Serialize(d.Text)}}}\n")));
        var environment = new Dictionary<string, string?> { ["TERM"] = "xterm-256color", ["CI"] = null, ["NO_COLOR"] = null, ["COLORTERM"] = "truecolor" };

        using var process = CliRunner.Start(environment, "predict", "--input", input, "--skip-invalid");
        var error = process.StandardError.ReadToEndAsync();
        string output = await process.StandardOutput.ReadToEndAsync();
        Assert.True(process.WaitForExit(120_000));

        Assert.Equal(0, process.ExitCode);
        Assert.Equal(string.Empty, await error);
        Assert.DoesNotContain(Escape, output);
        Assert.Equal(2000, output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }
}
