using System.Text;
using System.Text.Json;
using ArticleThemes.Tests.TestSupport;

namespace ArticleThemes.Tests.Cli;

public class PredictCommandTests
{
    [Fact]
    public void Text_prints_a_table_of_every_theme()
    {
        var (code, output, _) = CliRunner.Run(["predict", "--text", "Warships escorted grain freighters past the blockade."]);

        Assert.Equal(0, code);
        Assert.Contains("Probability", output, StringComparison.Ordinal);
        foreach (var theme in TestData.Default.Themes)
        {
            Assert.Contains(theme, output, StringComparison.Ordinal);
        }

        Assert.Contains("Themes:", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Input_lines_come_out_one_per_line_in_order_with_ids_as_given()
    {
        var texts = TestData.Corpus.Test.Take(40).Select(d => d.Text).ToArray();
        string[] ids = ["\"a\"", "17", "{\"doc\":3}", "null", "[1,2]", "\"ünïcode\"", "2.5e3"];
        var lines = texts.Select((t, i) => $"{{\"id\": {ids[i % ids.Length]}, \"text\": {JsonSerializer.Serialize(t)}}}");
        string input = CliRunner.WriteTemp(string.Join("\n", lines) + "\n");

        var (code, output, error) = CliRunner.Run(["predict", "--input", input]);

        Assert.True(code == 0, error);
        var outputLines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(texts.Length, outputLines.Length);
        for (int i = 0; i < texts.Length; i++)
        {
            using var json = JsonDocument.Parse(outputLines[i]);
            var root = json.RootElement;
            Assert.Equal(JsonDocument.Parse(ids[i % ids.Length]).RootElement.GetRawText(), root.GetProperty("id").GetRawText());
            var prediction = TestData.Default.Classify(texts[i]);
            Assert.Equal(prediction.Themes, root.GetProperty("themes").EnumerateArray().Select(e => e.GetString()));
            foreach (var score in prediction.Scores)
            {
                Assert.Equal(Math.Round(score.Probability, 4), root.GetProperty("scores").GetProperty(score.Theme).GetDouble(), 4);
            }
        }
    }

    [Fact]
    public void Standard_input_and_an_output_file_work()
    {
        string output = TestData.TempPath(".jsonl");
        var stdin = Encoding.UTF8.GetBytes("{\"id\":1,\"text\":\"Refugees crossed the river at dawn.\"}\n{\"id\":2,\"text\":\"\"}\n");

        var (code, stdout, _) = CliRunner.Run(["predict", "--input", "-", "--output", output], stdin);

        Assert.Equal(0, code);
        Assert.Equal(string.Empty, stdout);
        var lines = File.ReadAllLines(output);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("{\"id\":1,", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("{\"id\":2,\"themes\":[]", lines[1], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"id\":1,\"text\":\"fine\"}\n{\"id\":2,\"text\":\n", 2, "malformed JSON")]
    [InlineData("{\"id\":1,\"text\":\"fine\"}\n{\"id\":2}\n", 2, "\"text\" is missing")]
    [InlineData("{\"id\":1,\"text\":\"fine\"}\n{\"id\":2,\"text\":42}\n", 2, "\"text\" must be a string")]
    [InlineData("{\"text\":\"no id\"}\n", 1, "\"id\" is missing")]
    [InlineData("\"just a string\"\n", 1, "not a JSON object")]
    public void Bad_lines_exit_2_naming_file_line_and_reason_and_write_nothing(string content, int line, string reason)
    {
        string input = CliRunner.WriteTemp(content);
        string output = TestData.TempPath(".jsonl");

        var (code, _, error) = CliRunner.Run(["predict", "--input", input, "--output", output]);

        Assert.Equal(2, code);
        Assert.Contains($"{input}:{line}: ", error, StringComparison.Ordinal);
        Assert.Contains(reason, error, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(output)!, $".{Path.GetFileName(output)}*"));
    }

    [Fact]
    public void A_failed_run_leaves_an_existing_output_untouched()
    {
        string input = CliRunner.WriteTemp("{\"id\":1,\"text\":\"fine\"}\nnot json\n");
        string output = CliRunner.WriteTemp("previous results\n");

        var (code, _, _) = CliRunner.Run(["predict", "--input", input, "--output", output]);

        Assert.Equal(2, code);
        Assert.Equal("previous results\n", File.ReadAllText(output));
    }

    [Fact]
    public void Non_UTF8_bytes_exit_2_with_the_line()
    {
        string input = TestData.TempPath(".jsonl");
        File.WriteAllBytes(input, [.. Encoding.UTF8.GetBytes("{\"id\":1,\"text\":\"ok\"}\n{\"id\":2,\"text\":\""), 0xFF, 0xFE, .. Encoding.UTF8.GetBytes("\"}\n")]);

        var (code, _, error) = CliRunner.Run(["predict", "--input", input]);

        Assert.Equal(2, code);
        Assert.Contains($"{input}:2: the line is not valid UTF-8", error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_file_exits_2()
    {
        string input = CliRunner.WriteTemp(string.Empty);

        var (code, _, error) = CliRunner.Run(["predict", "--input", input]);

        Assert.Equal(2, code);
        Assert.Contains($"{input}: the input is empty", error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unreadable_path_exits_2()
    {
        string input = TestData.TempPath(".jsonl");

        var (code, _, error) = CliRunner.Run(["predict", "--input", input]);

        Assert.Equal(2, code);
        Assert.Contains($"{input}: the file does not exist", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Skip_invalid_keeps_going_and_reports_the_count()
    {
        string input = CliRunner.WriteTemp("{\"id\":1,\"text\":\"ok\"}\n{bad\n{\"id\":3}\n{\"id\":4,\"text\":\"also ok\"}\n");

        var (code, output, error) = CliRunner.Run(["predict", "--input", input, "--skip-invalid"]);

        Assert.Equal(0, code);
        var ids = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("id").GetInt32());
        Assert.Equal([1, 4], ids);
        Assert.Contains($"{input}:2: malformed JSON", error, StringComparison.Ordinal);
        Assert.Contains($"{input}:3: \"text\" is missing", error, StringComparison.Ordinal);
        Assert.Contains("2 invalid lines skipped", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_thousand_documents_are_labelled_in_one_run()
    {
        var texts = TestData.Corpus.Documents.Take(1000).Select(d => d.Text).ToArray();
        string input = CliRunner.WriteTemp(string.Join("\n", texts.Select((t, i) => $"{{\"id\":{i},\"text\":{JsonSerializer.Serialize(t)}}}")));

        var (code, output, _) = CliRunner.Run(["predict", "--input", input]);

        Assert.Equal(0, code);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(1000, lines.Length);
        Assert.Equal(Enumerable.Range(0, 1000), lines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("id").GetInt32()));
    }

    [Theory]
    [InlineData(new string[] { "predict" }, "exactly one of --text or --input")]
    [InlineData(new string[] { "predict", "--text", "a", "--input", "b" }, "exactly one of --text or --input")]
    [InlineData(new string[] { "predict", "--text", "a", "--output", "b" }, "--output goes with --input")]
    [InlineData(new string[] { "predict", "--bogus" }, "--bogus")]
    [InlineData(new string[] { "frobnicate" }, "frobnicate")]
    public void Usage_errors_exit_2(string[] args, string message)
    {
        var (code, _, error) = CliRunner.Run(args);

        Assert.Equal(2, code);
        Assert.Contains(message, error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_model_file_exits_2_naming_it()
    {
        string model = CliRunner.WriteTemp("not a zip", ".zip");

        var (code, _, error) = CliRunner.Run(["predict", "--model", model, "--text", "x"]);

        Assert.Equal(2, code);
        Assert.Contains(model, error, StringComparison.Ordinal);
    }
}
