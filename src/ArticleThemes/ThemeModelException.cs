namespace ArticleThemes;

/// <summary>
/// A model file or stream could not be read as an ArticleThemes model. The message names the source and the
/// reason; <see cref="Exception.InnerException"/> keeps the underlying error, if any.
/// </summary>
public sealed class ThemeModelException : Exception
{
    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What went wrong.</param>
    public ThemeModelException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the underlying error.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The underlying error.</param>
    public ThemeModelException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    internal ThemeModelException(string modelSource, string reason, Exception? innerException = null)
        : base($"{modelSource}: {reason}", innerException)
    {
        ModelSource = modelSource;
    }

    /// <summary>The file path, or a description of the stream, that failed to load.</summary>
    public string? ModelSource { get; }
}
