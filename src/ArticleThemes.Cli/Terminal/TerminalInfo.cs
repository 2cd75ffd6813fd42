namespace ArticleThemes.Cli.Terminal;

/// <summary>
/// What the process's standard streams are connected to, and what the environment allows on them. Tables go to
/// standard output only when it is a terminal; progress bars go to standard error only when it is a terminal and
/// neither <c>CI</c> nor <c>TERM=dumb</c> says the screen cannot be redrawn; <c>NO_COLOR</c> (no-color.org) takes the
/// colour out of both. Anything redirected (a pipe, a file) gets exactly the plain text it always got.
/// </summary>
internal sealed record TerminalInfo(bool OutputIsTerminal, bool ErrorIsTerminal, bool NoColor, bool Dumb, bool ContinuousIntegration)
{
    /// <summary>Nothing is a terminal: plain text everywhere (test doubles, redirected output).</summary>
    public static TerminalInfo None { get; } = new(false, false, NoColor: true, Dumb: false, ContinuousIntegration: false);

    /// <summary>Whether <c>predict --text</c> and <c>evaluate</c> draw tables on standard output.</summary>
    public bool Tables => OutputIsTerminal && !Dumb;

    /// <summary>Whether <c>train</c> and <c>predict --input</c> draw a progress bar on standard error.</summary>
    public bool Progress => ErrorIsTerminal && !Dumb && !ContinuousIntegration;

    /// <summary>The rules above applied to the streams' redirection and the environment variables.</summary>
    public static TerminalInfo Detect(bool outputRedirected, bool errorRedirected, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        string? ci = environment("CI");
        return new TerminalInfo(
            OutputIsTerminal: !outputRedirected,
            ErrorIsTerminal: !errorRedirected,
            NoColor: !string.IsNullOrEmpty(environment("NO_COLOR")),
            Dumb: string.Equals(environment("TERM"), "dumb", StringComparison.Ordinal),
            // CI=false (or 0) is how some systems say "not CI"; anything else set means a log, not a screen.
            ContinuousIntegration: !string.IsNullOrEmpty(ci) && ci is not ("false" or "0"));
    }
}
