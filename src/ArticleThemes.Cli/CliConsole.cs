namespace ArticleThemes.Cli;

/// <summary>The streams a command talks to: the process's own, or test doubles.</summary>
internal sealed class CliConsole
{
    public CliConsole(Func<Stream> openInput, TextWriter output, TextWriter error)
    {
        OpenInput = openInput;
        Output = output;
        Error = error;
    }

    /// <summary>Opens standard input as bytes (JSON Lines are checked as strict UTF-8).</summary>
    public Func<Stream> OpenInput { get; }

    public TextWriter Output { get; }

    public TextWriter Error { get; }

    public static CliConsole System() =>
        new(Console.OpenStandardInput, Console.Out, Console.Error);
}
