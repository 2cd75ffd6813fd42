using System.Globalization;
using Spectre.Console;

namespace ArticleThemes.Cli.Terminal;

/// <summary>
/// A progress bar on standard error while a command works, with the command's own messages printed above it; or,
/// when standard error is not a terminal that may be redrawn (<see cref="TerminalInfo.Progress"/>), just the
/// messages, exactly as they were written before there was a bar. Nothing goes to standard output.
/// </summary>
internal sealed class LiveProgress
{
    private readonly IAnsiConsole? _ansi;
    private readonly ProgressTask? _task;
    private readonly TextWriter _error;

    private LiveProgress(IAnsiConsole? ansi, ProgressTask? task, TextWriter error)
    {
        _ansi = ansi;
        _task = task;
        _error = error;
    }

    /// <summary>Whether a bar is drawn (false: messages only).</summary>
    public bool IsLive => _task is not null;

    /// <summary>
    /// Runs <paramref name="work"/> with a bar on the console's standard error when its terminal allows one and
    /// <paramref name="wanted"/> (false, say, when the results themselves stream to the same screen).
    /// </summary>
    public static T Run<T>(CliConsole console, string description, Func<LiveProgress, T> work, bool wanted = true)
    {
        ArgumentNullException.ThrowIfNull(console);
        return Run(wanted && console.Terminal.Progress ? TerminalTables.Create(console.Error, !console.Terminal.NoColor) : null, console.Error, description, work);
    }

    /// <summary>Runs <paramref name="work"/> with a bar drawn on <paramref name="ansi"/>, or with messages only to <paramref name="error"/> when it is null.</summary>
    internal static T Run<T>(IAnsiConsole? ansi, TextWriter error, string description, Func<LiveProgress, T> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        if (ansi is null)
        {
            return work(new LiveProgress(null, null, error));
        }

        return ansi.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .Start(context =>
            {
                var task = context.AddTask(Markup.Escape(description), autoStart: true, maxValue: 1);
                task.IsIndeterminate = true;
                return work(new LiveProgress(ansi, task, error));
            });
    }

    /// <summary>A line for the person watching: above the bar when there is one, else on standard error as it always was.</summary>
    public void Note(string line)
    {
        if (_ansi is null)
        {
            _error.WriteLine(line);
        }
        else
        {
            _ansi.Write(new Text(line + "\n"));
        }
    }

    /// <summary>Moves the bar to <paramref name="done"/> of <paramref name="total"/>, with a new description if one is given.</summary>
    public void Update(double done, double total, string? description = null)
    {
        if (_task is null)
        {
            return;
        }

        _task.IsIndeterminate = false;
        _task.MaxValue = Math.Max(total, 1);
        _task.Value = Math.Min(done, _task.MaxValue);
        if (description is not null)
        {
            _task.Description = Markup.Escape(description);
        }
    }

    /// <summary>Documents per second, for a description: "12,345 documents, 8,210/s".</summary>
    public static string Rate(long documents, TimeSpan elapsed) =>
        string.Create(CultureInfo.InvariantCulture, $"{documents:N0} documents, {(elapsed.TotalSeconds > 0 ? documents / elapsed.TotalSeconds : 0):N0}/s");
}
