using System.CommandLine;
using System.Globalization;
using System.Text;
using ArticleThemes.Cli.Predictions;
using ArticleThemes.Cli.Terminal;
using ArticleThemes.Corpus;
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
        var input = new Option<string[]>("--input", "-i")
        {
            Description = "JSON Lines of {\"id\": ..., \"text\": \"...\"} to label: one or more files (repeat --input, or list them after it), a quoted pattern such as 'shards/*.jsonl' ('*' within a name, '**' across directories; matches in ordinal order), or '-' for standard input.",
            AllowMultipleArgumentsPerToken = true,
        };
        var output = new Option<string?>("--output", "-o") { Description = "Where --input's results go, one JSON line per input line, in order (several inputs: concatenated in the order given); '-' or absent: standard output. A file is written whole or not at all." };
        var outputDir = new Option<string?>("--output-dir") { Description = "One output per input file, named as the input (shards/part-00001.jsonl -> DIR/part-00001.jsonl), each written whole or not at all; a bad input is reported and the others are still labelled (exit code 2 if any input was bad)." };
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
            model, text, input, output, outputDir, skipInvalid, explain, passages, tier,
        };
        command.SetAction(parse => CliApp.Guard(console, () =>
        {
            string? textValue = parse.GetValue(text);
            string[] inputValues = parse.GetValue(input) ?? [];
            string? outputValue = parse.GetValue(output);
            string? outputDirValue = parse.GetValue(outputDir);
            if ((textValue is null) == (inputValues.Length == 0))
            {
                throw new UsageException("give exactly one of --text or --input.");
            }

            if (textValue is not null && (outputValue is not null || outputDirValue is not null))
            {
                throw new UsageException($"{(outputValue is not null ? "--output" : "--output-dir")} goes with --input; --text prints a table.");
            }

            Destination? destination = null;
            if (textValue is null)
            {
                // Everything about the inputs and outputs is checked before the model is loaded and any work starts.
                destination = Destination.Plan(inputValues, outputValue, outputDirValue);
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
                    WriteTable(console, explanation.Prediction);
                    ExplanationText.WriteEvidence(console.Output, textValue, explanation, console.OutputSupportsColor);
                }
                else
                {
                    WriteTable(console, classifier.Classify(textValue));
                }

                if (extras.Passages)
                {
                    ExplanationText.WritePassages(console.Output, textValue, explainer!.ClassifyPassages(textValue));
                }

                return ExitCodes.Success;
            }

            return PredictFiles(console, classifier, destination!, parse.GetValue(skipInvalid), extras);
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

    /// <summary>The prediction as a drawn table when standard output is a terminal; else the plain table scripts read.</summary>
    private static void WriteTable(CliConsole console, ThemePrediction prediction)
    {
        if (console.Terminal.Tables)
        {
            TerminalTables.WritePrediction(TerminalTables.Create(console.Output, !console.Terminal.NoColor), prediction);
        }
        else
        {
            WriteTable(console.Output, prediction);
        }
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

    /// <summary>
    /// Where <c>predict --input</c> writes: the inputs (patterns expanded), and either one destination for all of them
    /// (standard output or <c>--output</c>, concatenated in the given order) or one file per input under <c>--output-dir</c>.
    /// </summary>
    internal sealed record Destination(IReadOnlyList<string> Inputs, string? Output, IReadOnlyList<string>? PerInput)
    {
        public static Destination Plan(IReadOnlyList<string> values, string? output, string? outputDir)
        {
            if (output is not null && outputDir is not null)
            {
                throw new UsageException("give --output (one file for everything) or --output-dir (one file per input), not both.");
            }

            var inputs = InputFiles.Expand(values);
            if (inputs.Count(i => i == InputFiles.StandardInput) > 1)
            {
                throw new UsageException("standard input ('-') can be read only once.");
            }

            foreach (string path in inputs)
            {
                InputFiles.CheckExists(path);
            }

            if (outputDir is null)
            {
                return new Destination(inputs, output, null);
            }

            if (File.Exists(outputDir))
            {
                throw new UsageException($"--output-dir {outputDir}: this is a file; give a directory (it is created if missing).");
            }

            return new Destination(inputs, null, InputFiles.OutputPaths(inputs, outputDir));
        }
    }

    private static int PredictFiles(CliConsole console, IThemePredictor classifier, Destination destination, bool skipInvalid, Extras extras)
    {
        var inputs = destination.Inputs;
        // A bar needs to know how far it is: only regular files have a size to measure against.
        long totalBytes = inputs.All(i => i != InputFiles.StandardInput && AtomicFile.IsRegularFile(Path.GetFullPath(i))) ? inputs.Sum(i => new FileInfo(i).Length) : -1;
        // JSON lines streaming to the terminal are their own progress; a bar redrawn among them would garble both.
        bool toScreen = destination.PerInput is null && destination.Output is null or "-" && console.Terminal.OutputIsTerminal;
        return LiveProgress.Run(console, "Labelling", wanted: totalBytes >= 0 && !toScreen, work: live =>
        {
            var run = new FileRun(console, classifier, extras, skipInvalid, live, inputs.Count, totalBytes);
            int code = destination.PerInput is { } outputs ? run.EachToItsOwn(inputs, outputs) : run.AllToOne(inputs, destination.Output);
            if (run.Skipped > 0)
            {
                live.Note($"{run.Written} lines labelled; {run.Skipped} invalid lines skipped.");
            }

            return code;
        });
    }

    /// <summary>One <c>predict --input</c> run over its inputs: counts, progress, and the two ways of writing.</summary>
    private sealed class FileRun(CliConsole console, IThemePredictor classifier, Extras extras, bool skipInvalid, LiveProgress live, int inputCount, long totalBytes)
    {
        private readonly System.Diagnostics.Stopwatch _clock = System.Diagnostics.Stopwatch.StartNew();
        private long _bytesBefore;
        private int _index;

        public int Written { get; private set; }

        public int Skipped { get; private set; }

        /// <summary>Standard output or one <c>--output</c> file: every input in turn, concatenated; the first bad line stops the run.</summary>
        public int AllToOne(IReadOnlyList<string> inputs, string? outputPath)
        {
            void RunAll(TextWriter writer)
            {
                foreach (string input in inputs)
                {
                    Label(input, writer);
                }

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
                    RunAll(writer);
                }
                else
                {
                    RunAll(console.Output);
                }
            }
            else
            {
                AtomicFile.Write(outputPath, stream =>
                {
                    using var writer = new StreamWriter(stream, new UTF8Encoding(false), leaveOpen: true) { NewLine = "\n" };
                    RunAll(writer);
                });
            }

            return ExitCodes.Success;
        }

        /// <summary>
        /// <c>--output-dir</c>: each input into its own file, written whole or not at all. A bad input (a bad line, an
        /// empty file) is reported and its output left as it was; the other inputs are still labelled, and the exit
        /// code is 2. Anything else (an I/O failure, a signal) stops the run: outputs finished before it stay.
        /// </summary>
        public int EachToItsOwn(IReadOnlyList<string> inputs, IReadOnlyList<string> outputs)
        {
            var failed = new List<string>();
            int finished = 0;
            try
            {
                string? directory = Path.GetDirectoryName(Path.GetFullPath(outputs[0]));
                Directory.CreateDirectory(directory!);
                for (int i = 0; i < inputs.Count; i++)
                {
                    try
                    {
                        AtomicFile.Write(outputs[i], stream =>
                        {
                            using var writer = new StreamWriter(stream, new UTF8Encoding(false), 64 * 1024, leaveOpen: true) { NewLine = "\n" };
                            Label(inputs[i], writer);
                            writer.Flush();
                        });
                        finished++;
                    }
                    catch (DataFormatException ex)
                    {
                        live.Note($"error: {ex.Message} ({outputs[i]} not written)");
                        failed.Add(inputs[i]);
                    }
                }
            }
            catch (OperationCanceledException) when (console.Signal is { } signal)
            {
                live.Note($"interrupted by {signal}: {finished} of {inputs.Count} outputs were written whole before it; the one in progress was not written.");
                return ExitCodes.Interrupted(signal);
            }

            if (failed.Count > 0)
            {
                live.Note($"{finished} of {inputs.Count} inputs labelled; {failed.Count} bad, their outputs not written: {string.Join(", ", failed)}");
                return ExitCodes.BadInput;
            }

            return ExitCodes.Success;
        }

        private void Label(string inputPath, TextWriter writer)
        {
            Action<DataFormatException>? onInvalid = skipInvalid
                ? ex =>
                {
                    Skipped++;
                    live.Note($"skipped: {ex.Message}");
                }
            : null;

            _index++;
            using var source = OpenInput(console, inputPath, out string sourceName);
            string name = inputCount > 1 ? string.Create(CultureInfo.InvariantCulture, $"{Path.GetFileName(sourceName)} ({_index} of {inputCount})") : Path.GetFileName(sourceName);
            var chunk = new List<PredictionInput>(ChunkSize);
            foreach (var item in PredictionInputReader.Read(source, sourceName, onInvalid))
            {
                chunk.Add(item);
                if (chunk.Count == ChunkSize)
                {
                    Written += Flush(classifier, chunk, writer, extras, console.Cancellation);
                    Report(name, source);
                }
            }

            Written += Flush(classifier, chunk, writer, extras, console.Cancellation);
            Report(name, source);
            _bytesBefore += source.CanSeek ? source.Length : 0;
        }

        private void Report(string name, Stream source)
        {
            if (live.IsLive && totalBytes >= 0)
            {
                live.Update(_bytesBefore + source.Position, totalBytes, $"{name}: {LiveProgress.Rate(Written, _clock.Elapsed)}");
            }
        }
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
