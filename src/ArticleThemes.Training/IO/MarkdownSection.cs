namespace ArticleThemes.IO;

/// <summary>
/// Replaces a generated section of a Markdown file, between <c>&lt;!-- name:begin --&gt;</c> and
/// <c>&lt;!-- name:end --&gt;</c>, leaving the hand-written rest alone.
/// </summary>
internal static class MarkdownSection
{
    public static void Replace(string path, string name, string content)
    {
        string begin = $"<!-- {name}:begin -->";
        string end = $"<!-- {name}:end -->";
        string text = File.ReadAllText(path);
        int start = text.IndexOf(begin, StringComparison.Ordinal);
        int stop = text.IndexOf(end, StringComparison.Ordinal);
        if (start < 0 || stop < start)
        {
            throw new Corpus.DataFormatException(path, 0, $"no section '{begin}' ... '{end}' to replace; add the two markers where the generated text belongs.");
        }

        string updated = text[..(start + begin.Length)] + "\n" + content.TrimEnd() + "\n" + text[stop..];
        AtomicFile.Write(path, stream =>
        {
            using var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(false), leaveOpen: true);
            writer.Write(updated);
        });
    }
}
