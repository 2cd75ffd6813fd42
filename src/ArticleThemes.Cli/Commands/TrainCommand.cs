using System.CommandLine;
using System.Globalization;
using ArticleThemes.Cli.Terminal;
using ArticleThemes.Corpus;
using ArticleThemes.Featurization;
using ArticleThemes.Lexicon;
using ArticleThemes.Training;

namespace ArticleThemes.Cli.Commands;

/// <summary><c>train</c>: trains a model from a corpus and writes it atomically.</summary>
internal static class TrainCommand
{
    public static Command Create(CliConsole console)
    {
        var data = CommonOptions.Data("Labelled corpus in JSON Lines (see data/README.md for the fields).");
        var output = new Option<string>("--output", "-o") { Description = "Where to write the model (.zip).", Required = true };
        var trainer = new Option<string>("--trainer") { Description = "Trainer of the theme heads: sdca, lbfgs, fasttree, or auto (cross-validate all, keep the best macro-F1).", DefaultValueFactory = _ => "auto" };
        var seed = new Option<int>("--seed") { Description = "Random seed; the same seed and data give the same model.", DefaultValueFactory = _ => 42 };
        var folds = new Option<int>("--folds") { Description = "Cross-validation folds for threshold tuning and trainer choice.", DefaultValueFactory = _ => 5 };
        var force = new Option<bool>("--force") { Description = "Replace the output file if it exists." };
        var hashBits = new Option<int>("--hash-bits") { Description = $"Size of the feature space, 2^N slots ({FeaturizerOptions.MinHashBits} to {FeaturizerOptions.MaxHashBits}); more bits mean fewer collisions and a larger model.", DefaultValueFactory = _ => FeaturizerOptions.Default.HashBits };

        var lexicon = new Option<string>("--lexicon") { Description = "Theme lexicon whose group counts are model features: a file of 'group<TAB>phrase' lines, 'default' (the curated lexicon, data/lexicon.tsv) or 'none'.", DefaultValueFactory = _ => "default" };

        var chunks = new Option<int>("--char-chunks") { Description = "Length of the character chunks taken inside words (2 to 4), or 0 for none.", DefaultValueFactory = _ => FeaturizerOptions.Default.CharacterChunkLength };
        var pairs = new Option<bool>("--word-pairs") { Description = "Whether adjacent word pairs are features.", DefaultValueFactory = _ => FeaturizerOptions.Default.WordPairs };
        var wordVectors = new Option<bool>("--word-vectors") { Description = "Fast tier, linear heads: whether the heads also read the mean of the text's word vectors (each vocabulary word encoded on its own by all-MiniLM-L6-v2), so words the corpus never used count like the words they resemble.", DefaultValueFactory = _ => true };
        var wordPrior = new Option<double>("--word-prior") { Description = "Fast tier, word vectors: the weight of a zero vector added to every text's mean of word vectors, so a text of one or two words is not read as its words' vectors at full strength (0: the plain mean).", DefaultValueFactory = _ => TrainingOptions.DefaultWordPriorWeight };
        var teacher = new Option<bool>("--teacher-sentences") { Description = "Fast tier: also train on the sentences of the training split's longer documents, each labelled by the accurate tier fitted on the same split, so single sentences of speeches and platforms are learned as the accurate tier reads them (how the shipped model is trained; adds minutes: every document and sentence is encoded, use --embedding-cache)." };
        var tier = CommonOptions.Tier("Tier of the model to train: fast (hashed words and the theme lexicon) or accurate (sentence embeddings and the lexicon; linear heads only).");
        var cache = new Option<string?>("--embedding-cache") { Description = "A directory that keeps encodings between runs (the accurate tier's document embeddings, the fast tier's word vectors), so retraining with other settings skips the encoder." };
        var l2 = new Option<float?>("--l2") { Description = "L2 regularization of the linear heads (sdca, lbfgs); default: each trainer's own for the tier (see the model's trainer settings)." };
        var command = new Command("train", "Train a model: one calibrated head per theme, thresholds tuned by cross-validation on the training split.")
        {
            data, output, trainer, seed, folds, force, hashBits, lexicon, l2, chunks, pairs, wordVectors, wordPrior, teacher, tier, cache,
        };
        command.SetAction(parse => CliApp.Guard(console, () =>
        {
            string outputPath = parse.GetValue(output)!;
            bool overwrite = parse.GetValue(force);
            if (!TrainerKinds.TryParse(parse.GetValue(trainer)!, out var kind))
            {
                throw new UsageException($"--trainer must be sdca, lbfgs, fasttree or auto, not '{parse.GetValue(trainer)}'.");
            }


            // Refuse before spending minutes on training.
            if (Directory.Exists(outputPath))
            {
                throw new UsageException($"{outputPath}: this is a directory; give the model file's path.");
            }

            if (!overwrite && File.Exists(outputPath))
            {
                throw new UsageException($"{outputPath}: the file exists; pass --force to replace it.");
            }

            var options = new TrainingOptions
            {
                Trainer = kind,
                Seed = parse.GetValue(seed),
                Folds = parse.GetValue(folds),
                Featurizer = new FeaturizerOptions { HashBits = parse.GetValue(hashBits), CharacterChunkLength = parse.GetValue(chunks), WordPairs = parse.GetValue(pairs) },
                Lexicon = ReadLexicon(parse.GetValue(lexicon)!),
                EmbeddingCache = parse.GetValue(cache),
                L2Regularization = parse.GetValue(l2),
                WordVectors = parse.GetValue(wordVectors),
                WordPriorWeight = parse.GetValue(wordPrior),
                TeacherSentences = parse.GetValue(teacher),
            };
            try
            {
                // The options check their own ranges; the console only reports what they say, in its own words.
                options.Validate();
            }
            catch (ArgumentException ex)
            {
                string reason = FirstSentence(ex.Message);
                throw new UsageException(ex.ParamName is { } name && OptionNames.TryGetValue(name, out string? flag)
                    ? reason.Replace(name, flag, StringComparison.Ordinal)
                    : reason);
            }

            var corpus = CorpusReader.Load(parse.GetValue(data)!);
            string[] standard = [ThemeNames.Migration, ThemeNames.Militarization, ThemeNames.Trade];
            if (standard.Any(corpus.Themes.Contains))
            {
                foreach (string missing in standard.Except(corpus.Themes, StringComparer.Ordinal))
                {
                    // A theme no document carries cannot be learned; say so rather than ship a model that silently lacks it.
                    console.Error.WriteLine($"warning: no document of {corpus.Source} carries the theme '{missing}'; the model will not know it.");
                }
            }

            bool accurate = CommonOptions.CheckTier(parse.GetValue(tier)!) == ModelTiers.Accurate;
            if (accurate && kind == TrainerKind.FastTree)
            {
                throw new UsageException("the accurate tier trains linear heads: --trainer sdca, lbfgs or auto.");
            }

            var result = LiveProgress.Run(console, "Training", live =>
            {
                var progress = new SynchronousProgress(live);
                return accurate ? SemanticTrainer.Train(corpus, options, progress, console.Cancellation) : ThemeTrainer.Train(corpus, options, progress, console.Cancellation);
            });
            WriteCandidates(console.Output, result);
            console.Cancellation.ThrowIfCancellationRequested();
            result.Save(outputPath, overwrite);
            console.Output.WriteLine($"Model written to {outputPath}.");
            return ExitCodes.Success;
        }));
        return command;
    }

    private static readonly Dictionary<string, string> OptionNames = new(StringComparer.Ordinal)
    {
        [nameof(TrainingOptions.Folds)] = "--folds",
        [nameof(TrainingOptions.L2Regularization)] = "--l2",
        [nameof(TrainingOptions.WordPriorWeight)] = "--word-prior",
        [nameof(FeaturizerOptions.HashBits)] = "--hash-bits",
        [nameof(FeaturizerOptions.CharacterChunkLength)] = "--char-chunks",
    };

    // ArgumentOutOfRangeException appends the parameter name and value on lines of their own.
    private static string FirstSentence(string message) => message.Split('\n')[0].Trim();

    private static ThemeLexicon? ReadLexicon(string value)
    {
        switch (value)
        {
            case "default":
                return DefaultLexicon.Value;
            case "none":
                return null;
        }

        try
        {
            return ThemeLexicon.Parse(File.ReadAllText(value));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"{value}: the lexicon cannot be read ({ex.Message}).");
        }
        catch (FormatException ex)
        {
            throw new UsageException($"{value}: {ex.Message}");
        }
    }

    private static void WriteCandidates(TextWriter writer, TrainingResult result)
    {
        var c = CultureInfo.InvariantCulture;
        writer.WriteLine();
        writer.WriteLine("Cross-validation on the training split (out-of-fold, thresholds tuned per theme):");
        writer.WriteLine();
        string themeHeaders = string.Concat(result.Info.Themes.Select(t => $" | F1 {t}"));
        writer.WriteLine($"| trainer | macro-F1{themeHeaders} | exact match | seconds |");
        writer.WriteLine($"|---|---:{string.Concat(result.Info.Themes.Select(_ => "|---:"))}|---:|---:|");
        foreach (var candidate in result.Candidates)
        {
            string marker = candidate == result.Chosen ? " (chosen)" : string.Empty;
            string f1s = string.Concat(candidate.Metrics.Themes.Select(t => string.Create(c, $" | {t.F1:0.000}")));
            writer.WriteLine(string.Create(c, $"| {candidate.Name}{marker} | {candidate.Metrics.MacroF1:0.000}{f1s} | {candidate.Metrics.ExactMatchAccuracy:0.000} | {candidate.Duration.TotalSeconds:0.0} |"));
        }

        writer.WriteLine();
        writer.WriteLine(result.Candidates.Count > 1
            ? $"Chose {result.Chosen.Name}: the highest cross-validated macro-F1 (ties go to the cheaper trainer)."
            : $"Trained {result.Chosen.Name}, as asked.");
        writer.WriteLine($"Thresholds: {string.Join(", ", result.Info.Themes.Select((t, i) => string.Create(c, $"{t} {result.Info.Thresholds[i]:0.000}")))}");
        if (result.Info.TestMetrics is { } metrics)
        {
            writer.WriteLine(string.Create(c, $"Test split ({metrics.Documents} documents): macro-F1 {metrics.MacroF1:0.000}, exact match {metrics.ExactMatchAccuracy:0.000}, false alarms on no-theme documents {metrics.FalseAlarmRate:P1}."));
        }
    }

    /// <summary>
    /// Writes progress at once, on the calling thread (Progress&lt;T&gt; would post it to the thread pool, out of order):
    /// messages as lines on standard error, head fits as the bar's position when there is a bar.
    /// </summary>
    private sealed class SynchronousProgress(LiveProgress live) : IProgress<TrainingUpdate>
    {
        public void Report(TrainingUpdate value)
        {
            if (value.Message is { } message)
            {
                live.Note(message);
            }
            else
            {
                live.Update(value.FitsDone, value.FitsTotal, string.Create(CultureInfo.InvariantCulture, $"Training: head fit {value.FitsDone} of {value.FitsTotal}"));
            }
        }
    }
}
