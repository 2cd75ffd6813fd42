namespace ArticleThemes.Cli;

/// <summary>The streams a command talks to: the process's own, or test doubles.</summary>
internal sealed class CliConsole
{
    public CliConsole(Func<Stream> openInput, TextWriter output, TextWriter error, bool outputSupportsColor = false)
    {
        OpenInput = openInput;
        Output = output;
        Error = error;
        OutputSupportsColor = outputSupportsColor;
    }

    /// <summary>Opens standard input as bytes (JSON Lines are checked as strict UTF-8).</summary>
    public Func<Stream> OpenInput { get; }

    public TextWriter Output { get; }

    public TextWriter Error { get; }

    /// <summary>
    /// Whether <see cref="Output"/> may carry ANSI colour: standard output is a terminal and <c>NO_COLOR</c> is
    /// not set (see no-color.org). Test doubles and redirected output get plain text.
    /// </summary>
    public bool OutputSupportsColor { get; }

    public static CliConsole System() =>
        new(Console.OpenStandardInput, Console.Out, Console.Error,
            !Console.IsOutputRedirected && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR")));
}
