using System.CommandLine;
using System.Globalization;
using System.Text;
using ArticleThemes.Cli.Predictions;
using ArticleThemes.Corpus;
using ArticleThemes.Explanation;
using ArticleThemes.IO;

namespace ArticleThemes.Cli.Commands;

/// <summary><c>predict</c>: labels one text as a table, or a JSON Lines file line by line.</summary>
internal static class PredictCommand
{
    /// <summary>Texts classified together; large enough to keep both cores busy, small enough to stream.</summary>
    private const int ChunkSize = 512;

    public static Command Create(CliConsole console)
    {
        var model = CommonOptions.Model();
        var text = new Option<string?>("--text", "-t") { Description = "A text to label; prints a table." };
        var input = new Option<string?>("--input", "-i") { Description = "JSON Lines of {\"id\": ..., \"text\": \"...\"} to label; '-' reads standard input." };
        var output = new Option<string?>("--output", "-o") { Description = "Where --input's results go, one JSON line per input line, in order; '-' or absent: standard output. A file is written whole or not at all." };
        var skipInvalid = new Option<bool>("--skip-invalid") { Description = "Skip invalid input lines (reported on standard error) instead of stopping with exit code 2." };
        var explain = new Option<int?>("--explain")
        {
            Description = $"Show why: the N strongest spans of evidence per theme (default {DefaultEvidence}). With --text, printed in context; with --input, an \"evidence\" object on each line.",
            Arity = ArgumentArity.ZeroOrOne,
            CustomParser = result =>
            {
                if (result.Tokens.Count == 0)
                {
                    return DefaultEvidence;
                }

                if (int.TryParse(result.Tokens[0].Value, NumberStyles.None, CultureInfo.InvariantCulture, out int n))
                {
                    return n;
                }

                result.AddError($"--explain takes a number of spans (0 or more), not '{result.Tokens[0].Value}'.");
                return null;
            },
        };
        var passages = new Option<bool>("--passages") { Description = "Also label each passage (paragraphs; long ones in windows of about 120 words) on its own. With --input, a \"passages\" array on each line." };
        var tier = CommonOptions.Tier();

        var command = new Command("predict", "Label a text, or a JSON Lines file of texts, with the default or a given model.")
        {
            model, text, input, output, skipInvalid, explain, passages, tier,
        };
        command.SetAction(parse => CliApp.Guard(console, () =>
        {
            string? textValue = parse.GetValue(text);
            string? inputValue = parse.GetValue(input);
            string? outputValue = parse.GetValue(output);
            if ((textValue is null) == (inputValue is null))
            {
                throw new UsageException("give exactly one of --text or --input.");
            }

            if (textValue is not null && outputValue is not null)
            {
                throw new UsageException("--output goes with --input; --text prints a table.");
            }

            using var loaded = new DisposableModel(CommonOptions.LoadPredictor(parse.GetValue(model), parse.GetValue(tier)!));
            var extras = new Extras(parse.GetValue(explain), parse.GetValue(passages));
            var classifier = loaded.Predictor;
            var explainer = classifier;
            if (textValue is not null)
            {
                if (extras.Evidence is { } evidence)
                {
                    var explanation = explainer!.Explain(textValue, evidence);
                    WriteTable(console.Output, explanation.Prediction);
                    ExplanationText.WriteEvidence(console.Output, textValue, explanation, console.OutputSupportsColor);
                }
                else
                {
                    WriteTable(console.Output, classifier.Classify(textValue));
                }

                if (extras.Passages)
                {
                    ExplanationText.WritePassages(console.Output, textValue, explainer!.ClassifyPassages(textValue));
                }

                return ExitCodes.Success;
            }

            return PredictFile(console, classifier, inputValue!, outputValue, parse.GetValue(skipInvalid), extras);
        }));
        return command;
    }

    /// <summary>Spans of evidence listed per theme when <c>--explain</c> is given without a number.</summary>
    private const int DefaultEvidence = 5;

    /// <summary>What <c>--explain</c> and <c>--passages</c> add to each result; nothing when both are off.</summary>
    private readonly record struct Extras(int? Evidence, bool Passages)
    {
        public bool Any => Evidence is not null || Passages;
    }

    internal static void WriteTable(TextWriter writer, ThemePrediction prediction)
    {
        var c = CultureInfo.InvariantCulture;
        writer.WriteLine("Theme             Probability  Threshold  Present");
        foreach (var score in prediction.Scores)
        {
            writer.WriteLine(string.Create(c, $"{score.Theme,-16}  {score.Probability,11:0.000}  {score.Threshold,9:0.000}  {(score.IsPresent ? "yes" : "no")}"));
        }

        writer.WriteLine(prediction.IsEmpty ? "Themes: (none)" : $"Themes: {string.Join(", ", prediction.Themes)}");
    }

    private static int PredictFile(CliConsole console, IThemePredictor classifier, string inputPath, string? outputPath, bool skipInvalid, Extras extras)
    {
        int written = 0;
        int skipped = 0;
        Action<DataFormatException>? onInvalid = skipInvalid
            ? ex =>
            {
                skipped++;
                console.Error.WriteLine($"skipped: {ex.Message}");
            }
        : null;

        void Run(TextWriter writer)
        {
            using var source = OpenInput(console, inputPath, out string sourceName);
            var chunk = new List<PredictionInput>(ChunkSize);
            foreach (var item in PredictionInputReader.Read(source, sourceName, onInvalid))
            {
                chunk.Add(item);
                if (chunk.Count == ChunkSize)
                {
                    written += Flush(classifier, chunk, writer, extras, console.Cancellation);
                }
            }

            written += Flush(classifier, chunk, writer, extras, console.Cancellation);
            writer.Flush();
        }

        if (outputPath is null or "-")
        {
            if (console.OpenOutput is { } openOutput)
            {
                // A plain stream on standard output: when the reader goes away (| head), the next write fails and
                // the run stops, where the console's writer would swallow the error and label everything.
                using var stream = openOutput();
                using var writer = new StreamWriter(stream, new UTF8Encoding(false), 64 * 1024, leaveOpen: true) { NewLine = "\n" };
                Run(writer);
            }
            else
            {
                Run(console.Output);
            }
        }
        else
        {
            AtomicFile.Write(outputPath, stream =>
            {
                using var writer = new StreamWriter(stream, new UTF8Encoding(false), leaveOpen: true) { NewLine = "\n" };
                Run(writer);
            });
        }

        if (skipped > 0)
        {
            console.Error.WriteLine($"{written} lines labelled; {skipped} invalid lines skipped.");
        }

        return ExitCodes.Success;
    }

    private static int Flush(IThemePredictor classifier, List<PredictionInput> chunk, TextWriter writer, Extras extras, CancellationToken cancellationToken)
    {
        if (chunk.Count == 0)
        {
            return 0;
        }

        if (extras.Any)
        {
            var explainer = classifier;
            var lines = new string[chunk.Count];
            Parallel.For(0, chunk.Count, new ParallelOptions { CancellationToken = cancellationToken }, i =>
            {
                string text = chunk[i].Text;
                var explanation = extras.Evidence is { } evidence ? explainer.Explain(text, evidence) : null;
                var passages = extras.Passages ? explainer.ClassifyPassages(text) : null;
                lines[i] = PredictionJson.Format(chunk[i].RawId, explanation?.Prediction ?? explainer.Classify(text), explanation, passages);
            });
            foreach (string line in lines)
            {
                writer.Write(line);
                writer.Write('\n');
            }

            int explained = chunk.Count;
            chunk.Clear();
            return explained;
        }

        // Without --explain and --passages: the contract line, exactly as it has always been written.
        var predictions = classifier.ClassifyBatch(chunk.ConvertAll(c => c.Text), cancellationToken);
        for (int i = 0; i < chunk.Count; i++)
        {
            writer.Write(PredictionJson.Format(chunk[i].RawId, predictions[i]));
            writer.Write('\n');
        }

        int count = chunk.Count;
        chunk.Clear();
        return count;
    }

    private static Stream OpenInput(CliConsole console, string path, out string sourceName)
    {
        if (path == "-")
        {
            sourceName = "<stdin>";
            return console.OpenInput();
        }

        sourceName = path;
        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, FileOptions.SequentialScan);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            string reason = ex switch
            {
                _ when Directory.Exists(path) => "this is a directory; give a JSON Lines file.",
                FileNotFoundException or DirectoryNotFoundException => "the file does not exist.",
                UnauthorizedAccessException => "the file cannot be read (permission denied).",
                _ => $"the file cannot be read ({ex.Message}).",
            };
            throw new DataFormatException(path, 0, reason);
        }
    }
}
