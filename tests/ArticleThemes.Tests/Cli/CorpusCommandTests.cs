using ArticleThemes.Tests.TestSupport;

namespace ArticleThemes.Tests.Cli;

public sealed class CorpusCommandTests
{
    [Fact]
    public void Stats_into_a_Markdown_file_without_the_markers_is_bad_input_naming_the_file()
    {
        string target = TestData.TempPath(".md");
        File.WriteAllText(target, "# Datasheet\n");

        var (code, _, error) = CliRunner.Run(["corpus", "stats", "--data", TestData.CorpusPath, "--write", target]);

        Assert.Equal(2, code);
        Assert.Contains($"error: {target}: no section '<!-- corpus-stats:begin -->'", error, StringComparison.Ordinal);
        Assert.Equal("# Datasheet\n", File.ReadAllText(target));
    }

    [Fact]
    public void Stats_fill_the_marked_section_of_a_Markdown_file()
    {
        string target = TestData.TempPath(".md");
        File.WriteAllText(target, "# Datasheet\n<!-- corpus-stats:begin -->\n<!-- corpus-stats:end -->\nEnd.\n");

        var (code, output, _) = CliRunner.Run(["corpus", "stats", "--data", TestData.CorpusPath, "--write", target]);

        Assert.Equal(0, code);
        Assert.Contains("Updated the corpus-stats section", output, StringComparison.Ordinal);
        string text = File.ReadAllText(target);
        Assert.Matches(@"(?s)^# Datasheet\n<!-- corpus-stats:begin -->\n.*\|.*\n<!-- corpus-stats:end -->\nEnd\.\n$", text);
    }
}
