using System.CommandLine;
using ArticleThemes.Cli.Commands;
using ArticleThemes.IO;

namespace ArticleThemes.Cli;

/// <summary>The <c>article-themes</c> command line: builds the commands and maps failures to exit codes.</summary>
internal static class CliApp
{
    public static int Run(string[] args, CliConsole console)
    {
        var root = new RootCommand("Labels news text by theme (migration, militarization, trade) and trains, evaluates and runs the models.");
        root.Subcommands.Add(PredictCommand.Create(console));
        root.Subcommands.Add(TrainCommand.Create(console));
        root.Subcommands.Add(EvaluateCommand.Create(console));
        root.Subcommands.Add(CompareCommand.Create(console));
        root.Subcommands.Add(CorpusCommand.Create(console));

        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                console.Error.WriteLine($"error: {error.Message}");
            }

            console.Error.WriteLine("Run 'article-themes --help' for usage.");
            return ExitCodes.BadInput;
        }

        return parse.Invoke(new InvocationConfiguration { Output = console.Output, Error = console.Error, EnableDefaultExceptionHandler = false });
    }

    /// <summary>Runs a command's work and turns each kind of failure into its exit code and a one-line message.</summary>
    public static int Guard(CliConsole console, Func<int> action)
    {
        try
        {
            return action();
        }
        catch (InputFileException ex)
        {
            console.Error.WriteLine($"error: {ex.Message}");
            return ExitCodes.BadInput;
        }
        catch (ThemeModelException ex)
        {
            console.Error.WriteLine($"error: {ex.Message}");
            return ExitCodes.BadInput;
        }
        catch (UsageException ex)
        {
            console.Error.WriteLine($"error: {ex.Message}");
            return ExitCodes.BadInput;
        }
        catch (OperationCanceledException) when (console.Signal is { } signal)
        {
            console.Error.WriteLine($"interrupted by {signal}; no output file was written or replaced.");
            return ExitCodes.Interrupted(signal);
        }
        catch (OperationCanceledException)
        {
            console.Error.WriteLine("error: cancelled.");
            return ExitCodes.Failure;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            console.Error.WriteLine($"error: {ex.Message}");
            return ExitCodes.Failure;
        }
        catch (Exception ex)
        {
            // A fault we did not foresee: report all of it, so it can be fixed, and fail with the runtime exit code.
            console.Error.WriteLine($"error: unexpected failure: {ex}");
            return ExitCodes.Failure;
        }
    }
}
