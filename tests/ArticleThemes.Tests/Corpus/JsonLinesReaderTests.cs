using System.Text;
using ArticleThemes.Corpus;
using ArticleThemes.Tests.TestSupport;

namespace ArticleThemes.Tests.Corpus;

/// <summary>Every reader of JSON Lines (predict, train, evaluate, corpus) goes through JsonLinesReader.</summary>
public sealed class JsonLinesReaderTests
{
    [Theory]
    [InlineData("""{"id":"t","text":"\udc00"}""")]
    [InlineData("""{"id":"t","text":"ok \ud800 then"}""")]
    [InlineData("""{"id":"t","text":"ok","note":["\udfff"]}""")]
    public void An_escaped_lone_surrogate_is_a_bad_line_with_its_number(string line)
    {
        var lines = Read("""{"id":"a","text":"fine"}""" + "\n" + line + "\n").ToArray();

        Assert.Null(lines[0].Error);
        Assert.NotNull(lines[1].Error);
        Assert.Equal(2, lines[1].Error!.Line);
        Assert.Contains("lone surrogate", lines[1].Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_escaped_surrogate_pair_is_text()
    {
        var line = Read("""{"id":"t","text":"\ud83d\ude00"}""").Single();

        Assert.Null(line.Error);
        Assert.Equal("\U0001F600", line.Value.GetProperty("text").GetString());
    }

    [Fact]
    public void A_duplicate_key_is_refused_as_ambiguous()
    {
        var line = Read("""{"id":"a","id":"b","text":"x"}""").Single();

        Assert.NotNull(line.Error);
        Assert.Contains("appears twice", line.Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_line_over_the_limit_is_one_bad_line_and_reading_goes_on()
    {
        var big = new StringBuilder("{\"id\":1,\"text\":\"");
        big.Append('x', JsonLinesReader.MaxLineBytes + 10);
        big.Append("\"}\n{\"id\":2,\"text\":\"after\"}\n");

        var lines = Read(big.ToString()).ToArray();

        Assert.Equal(2, lines.Length);
        Assert.Contains("longer than", lines[0].Error!.Message, StringComparison.Ordinal);
        Assert.Equal("after", lines[1].Value.GetProperty("text").GetString());
        Assert.Equal(2, lines[1].Number);
    }

    [Fact]
    public void Predict_skips_a_lone_surrogate_line_with_skip_invalid_and_refuses_it_without()
    {
        string input = CliRunner.WriteTemp("{\"id\":1,\"text\":\"Tariffs on steel rose.\"}\n{\"id\":2,\"text\":\"\\udc00\"}\n{\"id\":3,\"text\":\"Troops moved north.\"}\n");

        var (strictCode, strictOut, strictError) = CliRunner.Run(["predict", "--input", input]);
        var (skipCode, skipOut, skipError) = CliRunner.Run(["predict", "--input", input, "--skip-invalid"]);

        Assert.Equal(2, strictCode);
        Assert.Equal(string.Empty, strictOut);
        Assert.Contains($"{input}:2:", strictError, StringComparison.Ordinal);
        Assert.Equal(0, skipCode);
        Assert.Equal(2, skipOut.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Contains("lone surrogate", skipError, StringComparison.Ordinal);
    }

    [Fact]
    public void A_directory_as_input_is_named_a_directory()
    {
        string directory = TestData.TempPath();
        Directory.CreateDirectory(directory);

        var (code, _, error) = CliRunner.Run(["predict", "--input", directory]);

        Assert.Equal(2, code);
        Assert.Contains("is a directory", error, StringComparison.Ordinal);
    }

    [Fact]
    public void The_corpus_reader_refuses_a_lone_surrogate_with_its_line()
    {
        string path = CliRunner.WriteTemp("{\"id\":\"a\",\"text\":\"\\udc00\",\"themes\":[],\"genre\":\"brief\",\"split\":\"train\"}\n");

        var error = Assert.Throws<DataFormatException>(() => CorpusReader.Load(path));

        Assert.Equal(1, error.Line);
    }

    private static IEnumerable<JsonLine> Read(string text) =>
        JsonLinesReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(text)), "input.jsonl").ToArray();
}
