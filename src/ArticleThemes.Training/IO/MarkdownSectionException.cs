namespace ArticleThemes.IO;

/// <summary>
/// A Markdown file has no well-formed generated section to replace (see <see cref="MarkdownSection"/>). The
/// message reads <c>file:line: reason</c>, or <c>file: reason</c> when the problem is the file as a whole.
/// </summary>
internal sealed class MarkdownSectionException(string file, int line, string reason) : InputFileException(file, line, reason);
