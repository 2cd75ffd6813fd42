using ArticleThemes.IO;
using ArticleThemes.Tests.TestSupport;

namespace ArticleThemes.Tests.IO;

public sealed class MarkdownSectionTests
{
    [Fact]
    public void The_section_between_the_markers_is_replaced_and_the_rest_is_kept()
    {
        string path = Write("# Title\n\nHand-written.\n\n<!-- stats:begin -->\nold numbers\nmore old numbers\n<!-- stats:end -->\n\nAfter.\n");

        MarkdownSection.Replace(path, "stats", "| new | table |\n\n");

        Assert.Equal("# Title\n\nHand-written.\n\n<!-- stats:begin -->\n| new | table |\n<!-- stats:end -->\n\nAfter.\n", File.ReadAllText(path));
    }

    [Fact]
    public void Replacing_twice_with_the_same_content_changes_nothing_the_second_time()
    {
        string path = Write("<!-- stats:begin -->\n<!-- stats:end -->\n");
        MarkdownSection.Replace(path, "stats", "numbers");
        string once = File.ReadAllText(path);

        MarkdownSection.Replace(path, "stats", "numbers");

        Assert.Equal(once, File.ReadAllText(path));
    }

    [Fact]
    public void Only_the_named_section_changes()
    {
        string path = Write("<!-- a:begin -->\nA\n<!-- a:end -->\n<!-- b:begin -->\nB\n<!-- b:end -->\n");

        MarkdownSection.Replace(path, "b", "new B");

        Assert.Equal("<!-- a:begin -->\nA\n<!-- a:end -->\n<!-- b:begin -->\nnew B\n<!-- b:end -->\n", File.ReadAllText(path));
    }

    [Fact]
    public void A_file_without_the_markers_is_refused_as_a_whole_and_left_alone()
    {
        const string Text = "# Title\n\nNo markers here.\n";
        string path = Write(Text);

        var error = Assert.Throws<MarkdownSectionException>(() => MarkdownSection.Replace(path, "stats", "numbers"));

        Assert.Equal(path, error.File);
        Assert.Equal(0, error.Line);
        Assert.StartsWith($"{path}: no section '<!-- stats:begin -->' ... '<!-- stats:end -->'", error.Message, StringComparison.Ordinal);
        Assert.Contains("add the two markers", error.Message, StringComparison.Ordinal);
        Assert.Equal(Text, File.ReadAllText(path));
    }

    [Fact]
    public void A_begin_marker_without_its_end_is_named_by_its_line()
    {
        string path = Write("# Title\n\n<!-- stats:begin -->\nold\n");

        var error = Assert.Throws<MarkdownSectionException>(() => MarkdownSection.Replace(path, "stats", "numbers"));

        Assert.Equal(3, error.Line);
        Assert.StartsWith($"{path}:3: '<!-- stats:begin -->' has no '<!-- stats:end -->'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_end_marker_without_its_begin_is_named_by_its_line()
    {
        string path = Write("# Title\nold\n<!-- stats:end -->\n");

        var error = Assert.Throws<MarkdownSectionException>(() => MarkdownSection.Replace(path, "stats", "numbers"));

        Assert.Equal(3, error.Line);
        Assert.Contains("'<!-- stats:end -->' has no '<!-- stats:begin -->'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Markers_in_the_wrong_order_are_refused_and_the_file_is_left_alone()
    {
        const string Text = "<!-- stats:end -->\nkeep me\n<!-- stats:begin -->\n";
        string path = Write(Text);

        var error = Assert.Throws<MarkdownSectionException>(() => MarkdownSection.Replace(path, "stats", "numbers"));

        Assert.Equal(1, error.Line);
        Assert.Contains("comes before '<!-- stats:begin -->' (line 3); swap the two markers", error.Message, StringComparison.Ordinal);
        Assert.Equal(Text, File.ReadAllText(path));
    }

    [Fact]
    public void A_second_copy_of_a_marker_is_refused_so_no_stale_copy_of_the_section_stays()
    {
        string path = Write("<!-- stats:begin -->\nA\n<!-- stats:end -->\n\n<!-- stats:begin -->\nB\n<!-- stats:end -->\n");

        var error = Assert.Throws<MarkdownSectionException>(() => MarkdownSection.Replace(path, "stats", "numbers"));

        Assert.Equal(5, error.Line);
        Assert.Contains("a second '<!-- stats:begin -->' (the first is on line 1)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_markers_of_another_section_do_not_count()
    {
        string path = Write("<!-- statistics:begin -->\n<!-- statistics:end -->\n");

        var error = Assert.Throws<MarkdownSectionException>(() => MarkdownSection.Replace(path, "stats", "numbers"));

        Assert.Equal(0, error.Line);
    }

    private static string Write(string text)
    {
        string path = TestData.TempPath(".md");
        File.WriteAllText(path, text);
        return path;
    }
}
