using System.CommandLine;
using ArticleThemes.Corpus;
using ArticleThemes.Evaluation;
using ArticleThemes.Evaluation.Baselines;
using ArticleThemes.Evaluation.Plots;
using ArticleThemes.IO;

namespace ArticleThemes.Cli.Commands;

/// <summary><c>evaluate</c>: measures a model on the test split, beside the baselines, and writes the report.</summary>
internal static class EvaluateCommand
{
    public static Command Create(CliConsole console)
    {
        var model = CommonOptions.Model();
        var data = CommonOptions.Data("Labelled corpus in JSON Lines; only its test split is used.");
        var report = new Option<string?>("--report", "-r") { Description = "Directory to write the report to (README.md and PNG plots). Without it, the Markdown goes to standard output." };
        var seed = new Option<int>("--seed") { Description = "Seed of the textbook baseline's training.", DefaultValueFactory = _ => 42 };
        var command = new Command("evaluate", "Evaluate a model on the test split: per-theme precision, recall and F1, macro-F1, exact match, false alarms, calibration, per genre and length, against two baselines.")
        {
            model, data, report, seed,
        };
        command.SetAction(parse => CliApp.Guard(console, () =>
        {
            var classifier = CommonOptions.LoadModel(parse.GetValue(model));
            var corpus = CorpusReader.Load(parse.GetValue(data)!);
            console.Error.WriteLine($"Evaluating on {corpus.Test.Count()} test documents, with baselines...");
            var result = Evaluator.Evaluate(classifier, corpus, [new KeywordLexiconBaseline(), new TextbookBaseline(parse.GetValue(seed))]);
            string? directory = parse.GetValue(report);
            if (directory is null)
            {
                console.Output.Write(EvaluationMarkdown.Write(result, []));
                return ExitCodes.Success;
            }

            Directory.CreateDirectory(directory);
            var plots = EvaluationPlots.Write(result, directory);
            string markdown = EvaluationMarkdown.Write(result, plots);
            AtomicFile.Write(Path.Combine(directory, "README.md"), stream =>
            {
                using var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(false), leaveOpen: true);
                writer.Write(markdown);
            });
            console.Output.WriteLine($"Report written to {Path.Combine(directory, "README.md")} with {plots.Count} plots.");
            return ExitCodes.Success;
        }));
        return command;
    }
}
