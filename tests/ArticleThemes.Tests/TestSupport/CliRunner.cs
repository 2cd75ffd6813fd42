using System.Text;
using ArticleThemes.Cli;

namespace ArticleThemes.Tests.TestSupport;

/// <summary>Runs the command line in-process with captured streams.</summary>
internal static class CliRunner
{
    public static (int ExitCode, string Output, string Error) Run(string[] args, byte[]? standardInput = null, Action<CliConsole>? prepare = null)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        using var console = new CliConsole(() => new MemoryStream(standardInput ?? []), output, error);
        prepare?.Invoke(console);
        int exitCode = CliApp.Run(args, console);
        return (exitCode, output.ToString(), error.ToString());
    }

    /// <summary>Starts the built console as its own process (for signals and pipes, which only a real process has).</summary>
    public static System.Diagnostics.Process Start(params string[] args) => Start(null, args);

    /// <summary>Starts the built console with <paramref name="environment"/> set on top of this process's (a null value removes the variable).</summary>
    public static System.Diagnostics.Process Start(IReadOnlyDictionary<string, string?>? environment, params string[] args)
    {
        var start = new System.Diagnostics.ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "ArticleThemes.Cli.dll"));
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        return System.Diagnostics.Process.Start(start)!;
    }

    public static string WriteTemp(string content, string extension = ".jsonl")
    {
        string path = TestData.TempPath(extension);
        File.WriteAllText(path, content, new UTF8Encoding(false));
        return path;
    }
}
