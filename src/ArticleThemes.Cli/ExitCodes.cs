namespace ArticleThemes.Cli;

/// <summary>The exit codes scripts can rely on.</summary>
internal static class ExitCodes
{
    /// <summary>The command did what was asked.</summary>
    public const int Success = 0;

    /// <summary>Something failed while running: an I/O error, an unexpected fault.</summary>
    public const int Failure = 1;

    /// <summary>The command line or an input (data file, model file) is wrong; the message says where and why.</summary>
    public const int BadInput = 2;

    /// <summary><c>evaluate --gate</c>: the model missed a bar on a real-text set; standard error lists each miss.</summary>
    public const int GateFailed = 3;
}
