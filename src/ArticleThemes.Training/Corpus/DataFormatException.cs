using ArticleThemes.IO;

namespace ArticleThemes.Corpus;

/// <summary>A line of a JSON Lines file is not what it must be. The message reads <c>file:line: reason</c>.</summary>
internal sealed class DataFormatException(string file, int line, string reason) : InputFileException(file, line, reason);
