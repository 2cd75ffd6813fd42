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

    /// <summary>
    /// Stopped by a signal: 128 plus the signal's number, as shells report it (SIGINT 130, SIGTERM 143, SIGHUP 129).
    /// Temporary files are deleted and no output file is written or replaced.
    /// </summary>
    public static int Interrupted(System.Runtime.InteropServices.PosixSignal signal) => signal switch
    {
        System.Runtime.InteropServices.PosixSignal.SIGHUP => 129,
        System.Runtime.InteropServices.PosixSignal.SIGINT => 130,
        System.Runtime.InteropServices.PosixSignal.SIGQUIT => 131,
        System.Runtime.InteropServices.PosixSignal.SIGTERM => 143,
        _ => Failure,
    };
}
