namespace ArticleThemes.IO;

/// <summary>
/// A file the user gave is not what it must be, at a line of it or as a whole. The message reads
/// <c>file:line: reason</c>, or <c>file: reason</c> when the problem is the file as a whole, so the console can print
/// it as it is. The kinds of file have their own subclasses.
/// </summary>
internal abstract class InputFileException : Exception
{
    protected InputFileException(string file, int line, string reason)
        : base(line > 0 ? $"{file}:{line}: {reason}" : $"{file}: {reason}")
    {
        File = file;
        Line = line;
        Reason = reason;
    }

    /// <summary>The file, as the user named it.</summary>
    public string File { get; }

    /// <summary>The 1-based line number, or 0 when the problem is the file as a whole.</summary>
    public int Line { get; }

    /// <summary>What is wrong, without the file and line.</summary>
    public string Reason { get; }
}
