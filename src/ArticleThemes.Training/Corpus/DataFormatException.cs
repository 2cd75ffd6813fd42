namespace ArticleThemes.Corpus;

/// <summary>A line of a JSON Lines file is not what it must be. The message reads <c>file:line: reason</c>.</summary>
internal sealed class DataFormatException : Exception
{
    public DataFormatException(string file, int line, string reason)
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
