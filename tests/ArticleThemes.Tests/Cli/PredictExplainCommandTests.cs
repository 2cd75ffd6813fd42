using System.Globalization;
using System.Text.Json;
using ArticleThemes.Tests.Explanation;
using ArticleThemes.Tests.TestSupport;

namespace ArticleThemes.Tests.Cli;

public class PredictExplainCommandTests
{
    private static readonly string[] s_texts =
    [
        PassageTests.TradePassage + "\n\n" + PassageTests.FootballPassage + "\n\n" + PassageTests.BorderPassage,
        "Refugees crossed the river at dawn.",
        string.Empty,
        "Zölle auf Stahl 😀 <b>tariffs</b> e\u0301",
    ];

    private static string Input() =>
        CliRunner.WriteTemp(string.Join("\n", s_texts.Select((t, i) => $"{{\"id\":\"d{i}\",\"text\":{JsonSerializer.Serialize(t)}}}")) + "\n");

    [Fact]
    public void Without_the_new_flags_every_line_is_byte_for_byte_the_contract_line()
    {
        var (code, output, error) = CliRunner.Run(["predict", "--input", Input()]);

        Assert.True(code == 0, error);
        var expected = s_texts.Select((t, i) => ContractLine($"\"d{i}\"", TestData.Default.Classify(t)));
        Assert.Equal(string.Concat(expected.Select(l => l + "\n")), output);
    }

    [Fact]
    public void Explain_N_adds_evidence_spans_of_the_input_after_the_unchanged_contract_fields()
    {
        var (code, output, error) = CliRunner.Run(["predict", "--input", Input(), "--explain", "3"]);

        Assert.True(code == 0, error);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(s_texts.Length, lines.Length);
        for (int i = 0; i < lines.Length; i++)
        {
            string contract = ContractLine($"\"d{i}\"", TestData.Default.Classify(s_texts[i]));
            Assert.StartsWith(contract[..^1] + ",\"evidence\":{", lines[i], StringComparison.Ordinal);
            using var json = JsonDocument.Parse(lines[i]);
            var evidence = json.RootElement.GetProperty("evidence");
            Assert.Equal(TestData.Default.Themes, evidence.EnumerateObject().Select(p => p.Name));
            foreach (var theme in evidence.EnumerateObject())
            {
                Assert.True(theme.Value.GetArrayLength() <= 3);
                foreach (var e in theme.Value.EnumerateArray())
                {
                    int start = e.GetProperty("start").GetInt32(), length = e.GetProperty("length").GetInt32();
                    Assert.Equal(s_texts[i].Substring(start, length), e.GetProperty("text").GetString());
                    Assert.NotEqual(0, e.GetProperty("weight").GetDouble());
                }
            }
        }

        using var first = JsonDocument.Parse(lines[0]);
        var trade = first.RootElement.GetProperty("evidence").GetProperty(ThemeNames.Trade);
        Assert.Equal(3, trade.GetArrayLength());
        Assert.True(trade[0].GetProperty("weight").GetDouble() > 0);
    }

    [Fact]
    public void Passages_adds_each_passage_with_its_range_themes_and_scores()
    {
        var (code, output, error) = CliRunner.Run(["predict", "--input", Input(), "--passages"]);

        Assert.True(code == 0, error);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        using var json = JsonDocument.Parse(lines[0]);
        Assert.False(json.RootElement.TryGetProperty("evidence", out _));
        var passages = json.RootElement.GetProperty("passages").EnumerateArray().ToArray();
        Assert.Equal(3, passages.Length);
        Assert.Equal(0, passages[0].GetProperty("start").GetInt32());
        Assert.Equal(PassageTests.TradePassage.Length, passages[0].GetProperty("length").GetInt32());
        Assert.Equal([ThemeNames.Trade], passages[0].GetProperty("themes").EnumerateArray().Select(t => t.GetString()));
        Assert.Empty(passages[1].GetProperty("themes").EnumerateArray());
        Assert.Equal(TestData.Default.Themes, passages[2].GetProperty("scores").EnumerateObject().Select(p => p.Name));
        using var empty = JsonDocument.Parse(lines[2]);
        Assert.Equal(0, empty.RootElement.GetProperty("passages").GetArrayLength());
    }

    [Fact]
    public void Text_with_explain_prints_the_table_then_each_theme_s_evidence_in_brackets_without_colour()
    {
        string text = "Soldiers were sent to the border to stop migrants crossing the river.";
        var (plainCode, plain, _) = CliRunner.Run(["predict", "--text", text]);
        var (code, output, error) = CliRunner.Run(["predict", "--text", text, "--explain", "--passages"]);

        Assert.True(code == 0 && plainCode == 0, error);
        Assert.StartsWith(plain, output, StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b[", output, StringComparison.Ordinal);
        foreach (string theme in TestData.Default.Themes)
        {
            Assert.Contains($"\n{theme}: ", output, StringComparison.Ordinal);
        }

        Assert.Contains("[migrants]", output, StringComparison.Ordinal);
        Assert.Contains("Passages (1)", output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_terminal_that_supports_colour_gets_the_span_highlighted_instead_of_bracketed()
    {
        var output = new StringWriter();
        var console = new ArticleThemes.Cli.CliConsole(() => new MemoryStream(), output, new StringWriter(), outputSupportsColor: true);

        int code = ArticleThemes.Cli.CliApp.Run(["predict", "--text", "Troops at the border stopped migrants.", "--explain", "2"], console);

        Assert.Equal(0, code);
        Assert.Contains("\u001b[1;32m", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("\u001b[0m", output.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("[migrants]", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Explain_with_a_word_instead_of_a_number_exits_2()
    {
        var (code, _, error) = CliRunner.Run(["predict", "--input", Input(), "--explain", "many"]);

        Assert.Equal(2, code);
        Assert.Contains("--explain takes a number", error, StringComparison.Ordinal);
    }

    /// <summary>The documented contract line, built here independently of the command's own formatter.</summary>
    private static string ContractLine(string rawId, ThemePrediction prediction)
    {
        string themes = string.Join(",", prediction.Themes.Select(t => $"\"{t}\""));
        string scores = string.Join(",", prediction.Scores.Select(s => $"\"{s.Theme}\":{Math.Round((double)s.Probability, 4).ToString(CultureInfo.InvariantCulture)}"));
        return $"{{\"id\":{rawId},\"themes\":[{themes}],\"scores\":{{{scores}}}}}";
    }
}
