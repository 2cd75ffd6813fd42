using ArticleThemes.Cli;
using ArticleThemes.Cli.Predictions;
using ArticleThemes.Corpus;
using ArticleThemes.Tests.TestSupport;

namespace ArticleThemes.Tests.Cli;

public sealed class InputFilesTests
{
    [Fact]
    public void A_pattern_matches_files_in_ordinal_order_and_keeps_the_path_as_given()
    {
        string root = MakeTree("part-00002.jsonl", "part-00010.jsonl", "part-00001.jsonl", "other.txt", "sub/part-00003.jsonl");

        var matches = InputFiles.Match(Path.Combine(root, "part-*.jsonl"));

        Assert.Equal(["part-00001.jsonl", "part-00002.jsonl", "part-00010.jsonl"], matches.Select(Path.GetFileName));
        Assert.All(matches, m => Assert.StartsWith(root + "/", m, StringComparison.Ordinal));
    }

    [Fact]
    public void Two_stars_cross_directories_and_one_star_does_not()
    {
        string root = MakeTree("a.jsonl", "sub/b.jsonl", "sub/deeper/c.jsonl");

        Assert.Equal(["a.jsonl"], InputFiles.Match(Path.Combine(root, "*.jsonl")).Select(Path.GetFileName));
        Assert.Equal(["b.jsonl"], InputFiles.Match(Path.Combine(root, "*/*.jsonl")).Select(Path.GetFileName));
        Assert.Equal(["a.jsonl", "b.jsonl", "c.jsonl"], InputFiles.Match(Path.Combine(root, "**/*.jsonl")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_relative_pattern_gives_relative_paths()
    {
        string root = MakeTree("x1.jsonl", "x2.jsonl");
        string previous = Directory.GetCurrentDirectory();
        string relative = Path.GetRelativePath(previous, root);

        var matches = InputFiles.Match($"{relative}/x*.jsonl");

        Assert.Equal([$"{relative}/x1.jsonl", $"{relative}/x2.jsonl"], matches);
        Assert.All(matches, m => Assert.True(File.Exists(m)));
    }

    [Fact]
    public void Values_without_a_star_are_kept_as_they_are_even_with_a_question_mark()
    {
        Assert.Equal(["a?.jsonl", "-", "b.jsonl"], InputFiles.Expand(["a?.jsonl", "-", "b.jsonl"]));
    }

    [Fact]
    public void A_pattern_without_matches_is_a_usage_error_naming_it()
    {
        string root = MakeTree("a.jsonl");
        string pattern = Path.Combine(root, "nothing-*.jsonl");

        var error = Assert.Throws<UsageException>(() => InputFiles.Expand([pattern]));

        Assert.Contains(pattern, error.Message, StringComparison.Ordinal);
        Assert.Empty(InputFiles.Match(Path.Combine(root, "missing-dir", "*.jsonl")));
    }

    [Fact]
    public void Outputs_are_named_after_their_inputs_and_collisions_are_refused()
    {
        Assert.Equal([Path.Combine("out", "part-1.jsonl"), Path.Combine("out", "b.jsonl")], InputFiles.OutputPaths(["shards/part-1.jsonl", "b.jsonl"], "out"));

        var collision = Assert.Throws<UsageException>(() => InputFiles.OutputPaths(["a/part-1.jsonl", "b/part-1.jsonl"], "out"));
        Assert.Contains("a/part-1.jsonl", collision.Message, StringComparison.Ordinal);
        Assert.Contains("b/part-1.jsonl", collision.Message, StringComparison.Ordinal);

        Assert.Throws<UsageException>(() => InputFiles.OutputPaths(["-"], "out"));
        Assert.Throws<UsageException>(() => InputFiles.OutputPaths(["shards/a.jsonl"], "shards"));
    }

    [Fact]
    public void A_missing_input_or_a_directory_fails_naming_it()
    {
        string missing = TestData.TempPath(".jsonl");
        var error = Assert.Throws<DataFormatException>(() => InputFiles.CheckExists(missing));
        Assert.Equal($"{missing}: the file does not exist.", error.Message);

        string directory = MakeTree("a.jsonl");
        Assert.Contains("this is a directory", Assert.Throws<DataFormatException>(() => InputFiles.CheckExists(directory)).Message, StringComparison.Ordinal);
        InputFiles.CheckExists("-");
    }

    private static string MakeTree(params string[] files)
    {
        string root = TestData.TempPath();
        foreach (string file in files)
        {
            string path = Path.Combine(root, file);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, "{\"id\":1,\"text\":\"x\"}\n");
        }

        return root;
    }
}
