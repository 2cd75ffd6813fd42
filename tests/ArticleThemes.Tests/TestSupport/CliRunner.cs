using System.Text;
using ArticleThemes.Cli;

namespace ArticleThemes.Tests.TestSupport;

/// <summary>Runs the command line in-process with captured streams.</summary>
internal static class CliRunner
{
    public static (int ExitCode, string Output, string Error) Run(string[] args, byte[]? standardInput = null)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var console = new CliConsole(() => new MemoryStream(standardInput ?? []), output, error);
        int exitCode = CliApp.Run(args, console);
        return (exitCode, output.ToString(), error.ToString());
    }

    public static string WriteTemp(string content, string extension = ".jsonl")
    {
        string path = TestData.TempPath(extension);
        File.WriteAllText(path, content, new UTF8Encoding(false));
        return path;
    }
}
