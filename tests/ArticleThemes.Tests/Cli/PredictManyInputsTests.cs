using System.Text;
using System.Text.Json;
using ArticleThemes.Tests.TestSupport;

namespace ArticleThemes.Tests.Cli;

/// <summary><c>predict</c> over several inputs: patterns, <c>--output-dir</c>, and shards run as separate processes.</summary>
public sealed class PredictManyInputsTests
{
    [Fact]
    public void Output_dir_writes_one_file_per_input_named_as_the_input()
    {
        string shards = Shard(Lines(0, 90), 3);
        string outputs = Path.Combine(TestData.TempPath(), "labelled");

        var (code, stdout, error) = CliRunner.Run(["predict", "--input", Path.Combine(shards, "part-*.jsonl"), "--output-dir", outputs]);

        Assert.True(code == 0, error);
        Assert.Equal(string.Empty, stdout);
        Assert.Equal(["part-00000.jsonl", "part-00001.jsonl", "part-00002.jsonl"], Directory.GetFiles(outputs).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        foreach (string input in Directory.GetFiles(shards))
        {
            var (_, alone, _) = CliRunner.Run(["predict", "--input", input]);
            Assert.Equal(alone, File.ReadAllText(Path.Combine(outputs, Path.GetFileName(input))));
        }
    }

    [Fact]
    public void Several_inputs_to_one_destination_are_concatenated_in_the_order_given()
    {
        string shards = Shard(Lines(0, 30), 3);
        string[] parts = Directory.GetFiles(shards).Order(StringComparer.Ordinal).ToArray();
        string output = TestData.TempPath(".jsonl");

        var (code, stdout, _) = CliRunner.Run(["predict", "--input", parts[2], parts[0], "--input", parts[1]]);
        var (fileCode, _, _) = CliRunner.Run(["predict", "--input", parts[2], parts[0], parts[1], "--output", output]);

        Assert.Equal(0, code);
        Assert.Equal(0, fileCode);
        string expected = string.Concat(new[] { parts[2], parts[0], parts[1] }.Select(p => CliRunner.Run(["predict", "--input", p]).Output));
        Assert.Equal(expected, stdout);
        Assert.Equal(expected, File.ReadAllText(output));
    }

    [Fact]
    public void A_bad_input_under_output_dir_is_reported_and_the_others_are_still_written()
    {
        string shards = TestData.TempPath();
        Directory.CreateDirectory(shards);
        File.WriteAllText(Path.Combine(shards, "a.jsonl"), Lines(0, 5));
        File.WriteAllText(Path.Combine(shards, "b.jsonl"), "{\"id\":1,\"text\":\"fine\"}\nnot json\n");
        File.WriteAllText(Path.Combine(shards, "c.jsonl"), Lines(5, 5));
        string outputs = TestData.TempPath();
        Directory.CreateDirectory(outputs);
        File.WriteAllText(Path.Combine(outputs, "b.jsonl"), "previous\n");

        var (code, _, error) = CliRunner.Run(["predict", "--input", Path.Combine(shards, "*.jsonl"), "--output-dir", outputs]);

        Assert.Equal(2, code);
        Assert.Contains($"{Path.Combine(shards, "b.jsonl")}:2: malformed JSON", error, StringComparison.Ordinal);
        Assert.Contains("2 of 3 inputs labelled; 1 bad", error, StringComparison.Ordinal);
        Assert.Equal(5, File.ReadAllLines(Path.Combine(outputs, "a.jsonl")).Length);
        Assert.Equal(5, File.ReadAllLines(Path.Combine(outputs, "c.jsonl")).Length);
        Assert.Equal("previous\n", File.ReadAllText(Path.Combine(outputs, "b.jsonl")));
        Assert.Empty(Directory.GetFiles(outputs, "*.tmp"));

        var (skipCode, _, skipError) = CliRunner.Run(["predict", "--input", Path.Combine(shards, "*.jsonl"), "--output-dir", outputs, "--skip-invalid"]);
        Assert.Equal(0, skipCode);
        Assert.Contains("11 lines labelled; 1 invalid lines skipped.", skipError, StringComparison.Ordinal);
        Assert.Single(File.ReadAllLines(Path.Combine(outputs, "b.jsonl")));
    }

    [Fact]
    public void A_signal_under_output_dir_exits_with_its_code_and_leaves_no_partial_output()
    {
        string shards = Shard(Lines(0, 20), 2);
        string outputs = TestData.TempPath();

        var (code, _, error) = CliRunner.Run(["predict", "--input", Path.Combine(shards, "*.jsonl"), "--output-dir", outputs], prepare: console => console.Stop(System.Runtime.InteropServices.PosixSignal.SIGTERM));

        Assert.Equal(143, code);
        Assert.Contains("interrupted by SIGTERM: 0 of 2 outputs were written whole", error, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(outputs));
    }

    [Fact]
    public void A_bad_line_in_any_input_of_a_single_output_file_writes_nothing()
    {
        string good = CliRunner.WriteTemp(Lines(0, 5));
        string bad = CliRunner.WriteTemp("{\"id\":1}\n");
        string output = TestData.TempPath(".jsonl");

        var (code, _, error) = CliRunner.Run(["predict", "--input", good, bad, "--output", output]);

        Assert.Equal(2, code);
        Assert.Contains($"{bad}:1: \"text\" is missing", error, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
    }

    [Theory]
    [InlineData("file-as-dir")]
    [InlineData("no-match")]
    [InlineData("missing-input")]
    [InlineData("both-outputs")]
    [InlineData("stdin-twice")]
    [InlineData("collision")]
    public void Usage_and_input_errors_exit_2_before_any_work(string kind)
    {
        string input = CliRunner.WriteTemp(Lines(0, 3));
        string file = CliRunner.WriteTemp("not a directory");
        string other = Path.Combine(TestData.TempPath(), Path.GetFileName(input));
        Directory.CreateDirectory(Path.GetDirectoryName(other)!);
        File.Copy(input, other);
        string pattern = Path.Combine(Path.GetDirectoryName(input)!, "nothing-here-*.jsonl");
        string missing = TestData.TempPath(".jsonl");
        string[] args = kind switch
        {
            "file-as-dir" => ["predict", "--input", input, "--output-dir", file],
            "no-match" => ["predict", "--input", input, pattern],
            "missing-input" => ["predict", "--input", input, missing, "--output-dir", TestData.TempPath()],
            "both-outputs" => ["predict", "--input", input, "--output", TestData.TempPath(), "--output-dir", TestData.TempPath()],
            "stdin-twice" => ["predict", "--input", "-", "-"],
            _ => ["predict", "--input", input, other, "--output-dir", TestData.TempPath()],
        };
        string expected = kind switch
        {
            "file-as-dir" => $"--output-dir {file}: this is a file",
            "no-match" => pattern,
            "missing-input" => $"{missing}: the file does not exist",
            "both-outputs" => "not both",
            "stdin-twice" => "only once",
            _ => "would both be written",
        };

        var (code, stdout, error) = CliRunner.Run(args);

        Assert.Equal(2, code);
        Assert.Equal(string.Empty, stdout);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Shards_labelled_by_separate_processes_concatenate_to_one_process_output_byte_for_byte()
    {
        // Mixed texts (all three themes, none, empty, non-ASCII) and ids of every JSON kind.
        var texts = TestData.Corpus.Documents.Take(600).Select(d => d.Text).Append(string.Empty).Append("Grenzübergang: Flüchtlinge 🚢 tariffs").ToArray();
        string[] ids = ["\"a\"", "17", "{\"doc\":3}", "null", "2.5e3"];
        string whole = CliRunner.WriteTemp(string.Concat(texts.Select((t, i) => $"{{\"id\":{ids[i % ids.Length]},\"text\":{JsonSerializer.Serialize(t)}}}\n")));
        string shards = Shard(File.ReadAllText(whole), 3);

        byte[] one = RunProcess(whole);
        var parts = Directory.GetFiles(shards).Order(StringComparer.Ordinal).Select(part => (Part: part, Process: CliRunner.Start("predict", "--input", part))).ToArray();
        var outputs = parts.Select(p => ReadAll(p.Process)).ToArray();

        Assert.Equal(texts.Length, Encoding.UTF8.GetString(one).Count(c => c == '\n'));
        Assert.Equal(one, outputs.SelectMany(o => o).ToArray());
    }

    private static byte[] RunProcess(string input) => ReadAll(CliRunner.Start("predict", "--input", input));

    private static byte[] ReadAll(System.Diagnostics.Process process)
    {
        using (process)
        {
            using var buffer = new MemoryStream();
            var error = process.StandardError.ReadToEndAsync();
            process.StandardOutput.BaseStream.CopyTo(buffer);
            Assert.True(process.WaitForExit(120_000), "the process did not finish");
            Assert.True(process.ExitCode == 0, error.Result);
            return buffer.ToArray();
        }
    }

    /// <summary>Cuts JSON Lines into <paramref name="parts"/> files of consecutive lines, part-00000.jsonl and on, in a new directory.</summary>
    internal static string Shard(string jsonLines, int parts)
    {
        string directory = TestData.TempPath();
        Directory.CreateDirectory(directory);
        var lines = jsonLines.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        int size = (lines.Length + parts - 1) / parts;
        for (int p = 0; p < parts; p++)
        {
            File.WriteAllText(Path.Combine(directory, $"part-{p:00000}.jsonl"), string.Concat(lines.Skip(p * size).Take(size).Select(l => l + "\n")), new UTF8Encoding(false));
        }

        return directory;
    }

    private static string Lines(int first, int count)
    {
        var texts = TestData.Corpus.Documents.Skip(first).Take(count).Select(d => d.Text);
        return string.Concat(texts.Select((t, i) => $"{{\"id\":{first + i},\"text\":{JsonSerializer.Serialize(t)}}}\n"));
    }
}
