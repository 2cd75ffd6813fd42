namespace ArticleThemes.IO;

/// <summary>
/// A Markdown file has no well-formed generated section to replace (see <see cref="MarkdownSection"/>). The
/// message reads <c>file:line: reason</c>, or <c>file: reason</c> when the problem is the file as a whole.
/// </summary>
internal sealed class MarkdownSectionException : Exception
{
    public MarkdownSectionException(string file, int line, string reason)
        : base(line > 0 ? $"{file}:{line}: {reason}" : $"{file}: {reason}")
    {
        File = file;
        Line = line;
        Reason = reason;
    }

    public string File { get; }

    /// <summary>The 1-based line number, or 0 when the problem is the file as a whole.</summary>
    public int Line { get; }

    public string Reason { get; }
}
