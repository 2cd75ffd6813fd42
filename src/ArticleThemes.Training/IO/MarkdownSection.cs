namespace ArticleThemes.IO;

/// <summary>
/// Replaces a generated section of a Markdown file, between <c>&lt;!-- name:begin --&gt;</c> and
/// <c>&lt;!-- name:end --&gt;</c>, leaving the hand-written rest alone.
/// </summary>
internal static class MarkdownSection
{
    /// <summary>
    /// Puts <paramref name="content"/> between the section's markers and writes the file atomically. Throws
    /// <see cref="MarkdownSectionException"/> (file, line, reason) unless each marker appears exactly once, begin before end.
    /// </summary>
    public static void Replace(string path, string name, string content)
    {
        string begin = Marker(name, "begin");
        string end = Marker(name, "end");
        string text = File.ReadAllText(path);
        int start = Find(text, path, begin, end);
        int stop = Find(text, path, end, begin);
        if (start < 0 && stop < 0)
        {
            throw new MarkdownSectionException(path, 0, $"no section '{begin}' ... '{end}' to replace; add the two markers, each on its own line, where the generated text belongs.");
        }

        if (stop < 0)
        {
            throw new MarkdownSectionException(path, LineOf(text, start), $"'{begin}' has no '{end}'; add it after the generated text.");
        }

        if (start < 0)
        {
            throw new MarkdownSectionException(path, LineOf(text, stop), $"'{end}' has no '{begin}'; add it before the generated text.");
        }

        if (stop < start)
        {
            throw new MarkdownSectionException(path, LineOf(text, stop), $"'{end}' comes before '{begin}' (line {LineOf(text, start)}); swap the two markers.");
        }

        string updated = text[..(start + begin.Length)] + "\n" + content.TrimEnd() + "\n" + text[stop..];
        AtomicFile.Write(path, stream =>
        {
            using var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(false), leaveOpen: true);
            writer.Write(updated);
        });
    }

    private static string Marker(string name, string which) => $"<!-- {name}:{which} -->";

    /// <summary>The marker's only position, or -1; a second copy would leave one of two sections stale, so it is refused.</summary>
    private static int Find(string text, string path, string marker, string other)
    {
        int first = text.IndexOf(marker, StringComparison.Ordinal);
        if (first >= 0 && text.IndexOf(marker, first + marker.Length, StringComparison.Ordinal) is int second and >= 0)
        {
            throw new MarkdownSectionException(path, LineOf(text, second), $"a second '{marker}' (the first is on line {LineOf(text, first)}); keep one '{marker}' ... '{other}' pair per generated section.");
        }

        return first;
    }

    private static int LineOf(string text, int index) => 1 + text.AsSpan(0, index).Count('\n');
}
