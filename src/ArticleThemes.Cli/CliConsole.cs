using System.Runtime.InteropServices;
using ArticleThemes.Cli.Terminal;
using Microsoft.Win32.SafeHandles;

namespace ArticleThemes.Cli;

/// <summary>The streams a command talks to (the process's own, or test doubles), and how it is told to stop.</summary>
internal sealed class CliConsole : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly List<PosixSignalRegistration> _registrations = [];

    public CliConsole(Func<Stream> openInput, TextWriter output, TextWriter error, Func<Stream>? openOutput = null, bool outputSupportsColor = false, TerminalInfo? terminal = null)
    {
        OpenInput = openInput;
        Output = output;
        Error = error;
        OpenOutput = openOutput;
        OutputSupportsColor = outputSupportsColor;
        Terminal = terminal ?? TerminalInfo.None;
    }

    /// <summary>Opens standard input as bytes (JSON Lines are checked as strict UTF-8).</summary>
    public Func<Stream> OpenInput { get; }

    public TextWriter Output { get; }

    public TextWriter Error { get; }

    /// <summary>
    /// Opens standard output as a plain stream, for the JSON Lines of <c>predict</c>: unlike the console's writer, it
    /// fails with an IOException when the reader has gone (a broken pipe), so a long run stops at once. Null: use <see cref="Output"/>.
    /// </summary>
    public Func<Stream>? OpenOutput { get; }

    /// <summary>
    /// Whether <see cref="Output"/> may carry ANSI colour: standard output is a terminal and <c>NO_COLOR</c> is
    /// not set (see no-color.org). Test doubles and redirected output get plain text.
    /// </summary>
    public bool OutputSupportsColor { get; }

    /// <summary>
    /// Which streams are terminals and what the environment allows on them: tables on standard output, a progress
    /// bar on standard error. Test doubles get <see cref="TerminalInfo.None"/>: plain text, as when redirected.
    /// </summary>
    public TerminalInfo Terminal { get; }

    /// <summary>Cancelled when the process receives SIGINT, SIGTERM or SIGHUP.</summary>
    public CancellationToken Cancellation => _stop.Token;

    /// <summary>The signal that stopped the command, if one did.</summary>
    public PosixSignal? Signal { get; private set; }

    public static CliConsole System()
    {
        var terminal = TerminalInfo.Detect(Console.IsOutputRedirected, Console.IsErrorRedirected, Environment.GetEnvironmentVariable);
        var console = new CliConsole(
            Console.OpenStandardInput,
            Console.Out,
            Console.Error,
            () => new FileStream(new SafeFileHandle(1, ownsHandle: false), FileAccess.Write, bufferSize: 0),
            terminal.OutputIsTerminal && !terminal.NoColor,
            terminal);
        if (!OperatingSystem.IsWindows())
        {
            foreach (var signal in new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM, PosixSignal.SIGHUP })
            {
                console._registrations.Add(PosixSignalRegistration.Create(signal, console.Stop));
            }
        }
        else
        {
            console._registrations.Add(PosixSignalRegistration.Create(PosixSignal.SIGINT, console.Stop));
        }

        return console;
    }

    /// <summary>Asks the running command to stop as if <paramref name="signal"/> had arrived (what the signal handlers do).</summary>
    public void Stop(PosixSignal signal)
    {
        Signal ??= signal;
        _stop.Cancel();
    }

    public void Dispose()
    {
        foreach (var registration in _registrations)
        {
            registration.Dispose();
        }

        _stop.Dispose();
    }

    private void Stop(PosixSignalContext context)
    {
        // The first signal lets the command unwind (its temporary files are deleted on the way out) instead of
        // dying where it stands; a second one, say while it waits for input, ends the process at once.
        context.Cancel = Signal is null;
        Stop(context.Signal);
    }
}
