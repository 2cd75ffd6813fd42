using System.Diagnostics;
using System.Globalization;
using ArticleThemes.Corpus;
using ArticleThemes.Evaluation;
using ArticleThemes.Featurization;
using ArticleThemes.Model;
using ArticleThemes.Scoring;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace ArticleThemes.Training;

/// <summary>One trainer's cross-validated result on the training split.</summary>
internal sealed record CandidateResult(TrainerKind Trainer, ModelMetrics Metrics, IReadOnlyList<float> Thresholds, TimeSpan Duration)
{
    public string Name => TrainerKinds.Name(Trainer);
}

/// <summary>
/// Trains a multi-label model: one calibrated binary head per theme over features computed once per document.
/// Thresholds are tuned on out-of-fold probabilities of the training split; the test split is used only to
/// measure the final model.
/// </summary>
internal static class ThemeTrainer
{
    public static TrainingResult Train(LabeledCorpus corpus, TrainingOptions options, IProgress<TrainingUpdate>? progress = null, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        var (themes, train) = CheckCorpus(corpus, options);
        var featurizer = new TextFeaturizer(options.Featurizer, options.Lexicon);
        var candidates = options.Trainer == TrainerKind.Auto ? TrainerKinds.Candidates : [options.Trainer];
        var taught = options.TeacherSentences ? Training.TeacherSentences.Label(themes, train, options, progress, cancellationToken) : [];
        WordVectors? words = null;
        if (options.WordVectors && candidates.Any(c => c != TrainerKind.FastTree))
        {
            progress?.Report(TrainingUpdate.Line($"Encoding the vocabulary's words with {WordVectors.Source}, alone and in the {train.Length} training documents..."));
            words = WordVectors.Build(train, options.EmbeddingCache, cancellationToken).WithPriorWeight(options.WordPriorWeight);
        }

        // The teacher's sentences are training rows like the documents (in their document's fold), but thresholds are
        // tuned and cross-validation is measured on the documents alone: the corpus's labels are the ground truth.
        var rows = train.Concat(taught).ToArray();
        progress?.Report(TrainingUpdate.Line($"Featurizing {train.Length} training documents{(taught.Length == 0 ? "" : $" and {taught.Length} taught sentences")} ({featurizer.Dimension} hashed slots, {featurizer.FeatureCount - featurizer.Dimension} lexicon groups{(words is null ? "" : $", word vectors of {words.Words.Count:N0} words")})..."));
        var vectors = rows.Select(d => words is null ? ToVector(featurizer, d.Text) : words.Extend(ToVector(featurizer, d.Text), d.Text)).ToArray();
        var fit = FitHeads(themes, rows, vectors, featurizer, candidates, HeadFeatures.Hashed, options, progress, cancellationToken, measured: train.Length);

        // Tree heads read the featurizer's slots only: a model of trees keeps no word vectors.
        if (fit.Chosen.Trainer == TrainerKind.FastTree)
        {
            words = null;
        }

        var wordScores = words?.Compile(fit.Compiled, featurizer.FeatureCount);
        var scorer = new CompiledScorer(featurizer, fit.Compiled, wordScores);
        return Finish(corpus, options, themes, train, fit, featurizer, scorer.InputSize, null, clock, progress, words, wordScores, texts =>
        {
            var probabilities = texts.Select(_ => new float[themes.Count]).ToArray();
            var hasWords = new bool[texts.Count];
            for (int d = 0; d < texts.Count; d++)
            {
                hasWords[d] = scorer.Score(texts[d], probabilities[d]);
            }

            return (probabilities, hasWords);
        }, taughtSentences: taught.Length);
    }

    /// <summary>The themes and the training split, after checking the corpus can train a model with these options.</summary>
    internal static (IReadOnlyList<string> Themes, CorpusDocument[] Train) CheckCorpus(LabeledCorpus corpus, TrainingOptions options)
    {
        ArgumentNullException.ThrowIfNull(corpus);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var themes = corpus.Themes;
        if (themes.Count == 0)
        {
            throw new DataFormatException(corpus.Source, 0, "no document has a theme, so there is nothing to learn.");
        }

        if (themes.Count > ThemeSet.MaxThemes)
        {
            throw new DataFormatException(corpus.Source, 0, $"the corpus has {themes.Count} themes; a model has at most {ThemeSet.MaxThemes}.");
        }

        var train = corpus.Train.ToArray();
        if (train.Length < options.Folds * 2)
        {
            throw new DataFormatException(corpus.Source, 0, $"the training split has {train.Length} documents; {options.Folds}-fold cross-validation needs at least {options.Folds * 2}.");
        }

        foreach (var theme in themes)
        {
            int positives = train.Count(d => d.Has(theme));
            if (positives < 2 || positives == train.Length)
            {
                throw new DataFormatException(corpus.Source, 0, $"theme '{theme}' has {positives} of {train.Length} training documents; each theme needs at least 2 positive and 1 negative.");
            }
        }

        return (themes, train);
    }

    /// <summary>What <see cref="FitHeads"/> found: every candidate's cross-validation, the chosen one, and its final heads.</summary>
    internal sealed record HeadFit(IReadOnlyList<CandidateResult> Results, CandidateResult Chosen, byte[][] Heads, CompiledHead[] Compiled, SlotSelection? Selection, HeadFeatures Features);

    /// <summary>
    /// Cross-validates each candidate trainer on <paramref name="vectors"/> (folds by writer when the corpus names
    /// writers), tunes each theme's threshold on the out-of-fold probabilities, keeps the best macro-F1, and trains
    /// its final heads on every training document. Shared by the tiers: only the vectors differ. When
    /// <paramref name="measured"/> is given, only the first that many rows tune the thresholds and are measured (the
    /// rest, such as taught sentences, are trained on only).
    /// </summary>
    internal static HeadFit FitHeads(
        IReadOnlyList<string> themes, CorpusDocument[] train, VBuffer<float>[] vectors, TextFeaturizer featurizer,
        IReadOnlyList<TrainerKind> candidates, HeadFeatures features, TrainingOptions options, IProgress<TrainingUpdate>? progress, CancellationToken cancellationToken, int? measured = null)
    {
        int inputSize = vectors[0].Length;
        int scoredRows = measured ?? train.Length;
        var labels = themes.Select(t => train.Select(d => d.Has(t)).ToArray()).ToArray();
        var folds = AssignFolds(train, options.Folds, options.Seed);
        var clock = Stopwatch.StartNew();
        var results = new List<CandidateResult>();
        var fits = new FitCounter(progress, (candidates.Count * options.Folds * themes.Count) + themes.Count);
        foreach (var kind in candidates)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var started = clock.Elapsed;
            progress?.Report(TrainingUpdate.Line($"Cross-validating {TrainerKinds.Name(kind)} ({options.Folds} folds x {themes.Count} themes)..."));
            var outOfFold = CrossValidate(kind, features, featurizer, inputSize, vectors, labels, folds, options, fits, cancellationToken);
            var thresholds = labels.Select((l, t) => ThresholdTuner.Tune(outOfFold.Take(scoredRows).Select(p => p[t]).ToArray(), l.Take(scoredRows).ToArray())).ToArray();
            var predicted = outOfFold.Take(scoredRows).Select(p => ThemeSet.Decide(p, thresholds)).ToArray();
            var metrics = MetricsCalculator.Compute(themes, train.Take(scoredRows).ToArray(), predicted, outOfFold.Take(scoredRows).ToArray());
            var result = new CandidateResult(kind, metrics, thresholds, clock.Elapsed - started);
            results.Add(result);
            progress?.Report(TrainingUpdate.Line(string.Create(CultureInfo.InvariantCulture, $"  {result.Name}: cross-validated macro-F1 {metrics.MacroF1:0.000} in {result.Duration.TotalSeconds:0.0} s")));
        }

        // The first of equal scores wins: candidates are listed cheapest first.
        var chosen = results.Aggregate((best, next) => next.Metrics.MacroF1 > best.Metrics.MacroF1 + 1e-9 ? next : best);
        progress?.Report(TrainingUpdate.Line($"Training the final {chosen.Name} heads on all {train.Length} training documents..."));
        var heads = new byte[themes.Count][];
        var compiled = new CompiledHead[themes.Count];
        var (headVectors, headDimension, headSelection) = HeadInputs(chosen.Trainer, featurizer, inputSize, vectors, labels, Enumerable.Range(0, vectors.Length).ToArray());
        for (int t = 0; t < themes.Count; t++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var mlContext = new MLContext(options.Seed);
            var data = ToDataView(mlContext, headDimension, headVectors, labels[t], Enumerable.Range(0, vectors.Length));
            var model = HeadTrainers.Create(mlContext, chosen.Trainer, options.Seed, options.L2Regularization, features).Fit(data);
            using var buffer = new MemoryStream();
            mlContext.Model.Save(model, data.Schema, buffer);
            heads[t] = buffer.ToArray();

            // Compile from the saved bytes, not the in-memory model, so serving reads exactly what the file holds.
            buffer.Position = 0;
            var reloaded = new MLContext(options.Seed).Model.Load(buffer, out _);
            compiled[t] = HeadCompiler.Compile(reloaded, chosen.Name, inputSize, headSelection?.Slots);
            fits.Done();
        }

        return new HeadFit(results, chosen, heads, compiled, headSelection, features);
    }

    /// <summary>
    /// Measures the final heads on the test split (through <paramref name="score"/>: probabilities, and whether
    /// each text had any word) and writes the manifest.
    /// </summary>
    internal static TrainingResult Finish(
        LabeledCorpus corpus, TrainingOptions options, IReadOnlyList<string> themes, CorpusDocument[] train, HeadFit fit,
        TextFeaturizer featurizer, int inputSize, ManifestEncoder? encoder, Stopwatch clock, IProgress<TrainingUpdate>? progress,
        WordVectors? words, WordScores? wordScores, Func<IReadOnlyList<string>, (float[][] Probabilities, bool[] HasWords)> score, byte[]? neighbours = null,
        int taughtSentences = 0)
    {
        var themeSet = new ThemeSet(themes, fit.Chosen.Thresholds);
        var settings = HeadTrainers.Settings(fit.Chosen.Trainer, options.L2Regularization, fit.Features);
        settings["folds"] = options.Folds.ToString(CultureInfo.InvariantCulture) + (train.All(d => d.Writer is not null) ? " (by writer)" : " (stratified by theme combination)");
        settings["selection"] = options.Trainer == TrainerKind.Auto ? "auto: best cross-validated macro-F1" : "given";
        settings["thresholds"] = string.Create(CultureInfo.InvariantCulture, $"per theme, the median of the cuts whose out-of-fold F1 is within {ThresholdTuner.PlateauTolerance} of the best");
        foreach (var r in fit.Results)
        {
            settings[$"cv.{r.Name}.macroF1"] = r.Metrics.MacroF1.ToString("0.0000", CultureInfo.InvariantCulture);
        }

        if (options.Lexicon is { } lexicon)
        {
            settings["lexicon"] = lexicon.ToString();
        }

        var test = corpus.Test.ToArray();
        ModelMetrics? testMetrics = null;
        if (test.Length > 0)
        {
            progress?.Report(TrainingUpdate.Line($"Measuring on {test.Length} test documents..."));
            var (probabilities, hasWords) = score(test.Select(d => d.Text).ToArray());
            var predicted = probabilities.Select((p, d) => hasWords[d] ? themeSet.Decide(p) : ThemeMask.Empty).ToArray();
            testMetrics = MetricsCalculator.Compute(themeSet.Names, test, predicted, probabilities);
        }

        var manifestFeaturizer = ModelArchive.FromOptions(options.Featurizer);
        manifestFeaturizer.Lexicon = options.Lexicon is null ? null : ModelArchive.LexiconEntry;
        if (words is not null)
        {
            manifestFeaturizer.WordVectors = new ManifestWordVectors
            {
                Source = WordVectors.Source,
                Dimensions = WordVectors.Dimensions,
                Words = words.Words.Count,
                Vocabulary = ModelArchive.WordVocabularyEntry,
                Context = ManifestWordVectors.TrainingSplitContext,
                PriorWeight = words.PriorWeight,
            };
            settings["wordVectors"] = string.Create(CultureInfo.InvariantCulture, $"{WordVectors.Source}, {words.Words.Count} words, each encoded alone plus (for the training split's words) its mean in context there, weighted {WordVectors.WeightSmoothing} / ({WordVectors.WeightSmoothing} + training-split frequency), prior weight {words.PriorWeight}");
        }

        var manifest = new ModelManifest
        {
            // Readers older than the lexicon (and the tiers, and word vectors) must refuse a model that has them, not misread it.
            FormatVersion = encoder?.Neighbours is not null ? ModelManifest.NeighboursFormatVersion
                : words is { PriorWeight: > 0 } ? ModelManifest.WordPriorFormatVersion
                : words is not null ? ModelManifest.WordVectorsFormatVersion
                : options.Lexicon is null && encoder is null ? 1 : 2,
            Tier = encoder is null ? ModelTiers.Fast : ModelTiers.Accurate,
            Encoder = encoder,
            Themes = themes.Select((name, t) => new ManifestTheme { Name = name, Threshold = fit.Chosen.Thresholds[t], Head = $"heads/{t:00}-{name}.mlnet" }).ToList(),
            Featurizer = manifestFeaturizer,
            Trainer = fit.Chosen.Name,
            TrainerSettings = settings,
            MLNetVersion = MLNetVersion,
            TrainedAt = DateTimeOffset.UtcNow,
            TrainingSeconds = Math.Round(clock.Elapsed.TotalSeconds, 1),
            Seed = options.Seed,
            CorpusFingerprint = corpus.Fingerprint,
            TrainingDocuments = train.Length,
            TestMetrics = testMetrics is null ? null : ModelArchive.FromMetrics(testMetrics),
        };
        if (fit.Selection is not null)
        {
            manifest.HeadInputSlots = ModelArchive.HeadInputSlotsEntry;
            settings["inputSlots"] = fit.Selection.Slots.Length.ToString(CultureInfo.InvariantCulture);
            settings["inputSlotSelection"] = "per theme, largest difference of document frequency between positive and negative training documents";
        }

        if (taughtSentences > 0)
        {
            settings["teacherSentences"] = string.Create(CultureInfo.InvariantCulture, $"{taughtSentences} sentences of the training split's documents of two or more sentences, labelled by the accurate tier fitted on the same split (thresholds tuned on the documents alone)");
        }

        if (encoder?.Neighbours is { } index)
        {
            settings["neighbours"] = string.Create(CultureInfo.InvariantCulture, $"{index.Documents} training documents, k = {index.K}, margins x {index.Scale}; a training document's among other writers' documents");
        }

        return new TrainingResult(manifest, fit.Heads, fit.Selection?.Slots, featurizer, fit.Compiled, inputSize, fit.Results, fit.Chosen, wordScores, words?.VocabularyText(), neighbours);
    }

    /// <summary>The version of the ML.NET assembly doing the training.</summary>
    public static string MLNetVersion
    {
        get
        {
            // The assembly version stays 1.0.0 across ML.NET releases; the informational version is the package's.
            string? informational = typeof(MLContext).Assembly
                .GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
                .OfType<System.Reflection.AssemblyInformationalVersionAttribute>()
                .FirstOrDefault()?.InformationalVersion;
            return informational?.Split('+')[0] ?? "unknown";
        }
    }

    public static VBuffer<float> ToVector(TextFeaturizer featurizer, string text)
    {
        var (indices, values) = featurizer.Featurize(text);
        return new VBuffer<float>(featurizer.FeatureCount, indices.Length, values, indices);
    }

    /// <summary>
    /// The vectors heads of <paramref name="kind"/> read: for tree heads, every vector projected onto slots selected
    /// on the training <paramref name="rows"/> only (see <see cref="SlotSelection"/>); for linear heads, the vectors as they are.
    /// </summary>
    private static (VBuffer<float>[] Vectors, int Dimension, SlotSelection? Selection) HeadInputs(
        TrainerKind kind, TextFeaturizer featurizer, int inputSize, VBuffer<float>[] vectors, bool[][] labels, int[] rows)
    {
        if (kind != TrainerKind.FastTree)
        {
            return (vectors, inputSize, null);
        }

        var selection = SlotSelection.FromLabels(featurizer, vectors, labels, rows);
        return (vectors.Select(selection.Project).ToArray(), selection.Slots.Length, selection);
    }

    /// <summary>Out-of-fold probabilities: each document scored by heads trained without its fold.</summary>
    private static float[][] CrossValidate(TrainerKind kind, HeadFeatures features, TextFeaturizer featurizer, int inputSize, VBuffer<float>[] vectors, bool[][] labels, int[] folds, TrainingOptions options, FitCounter fits, CancellationToken cancellationToken)
    {
        var outOfFold = vectors.Select(_ => new float[labels.Length]).ToArray();
        for (int fold = 0; fold < options.Folds; fold++)
        {
            var trainRows = Enumerable.Range(0, vectors.Length).Where(i => folds[i] != fold).ToArray();
            var heldOut = Enumerable.Range(0, vectors.Length).Where(i => folds[i] == fold).ToArray();

            var (foldVectors, foldDimension, _) = HeadInputs(kind, featurizer, inputSize, vectors, labels, trainRows);

            for (int t = 0; t < labels.Length; t++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var mlContext = new MLContext(options.Seed + fold);
                var model = HeadTrainers.Create(mlContext, kind, options.Seed + fold, options.L2Regularization, features).Fit(ToDataView(mlContext, foldDimension, foldVectors, labels[t], trainRows));
                var scored = model.Transform(ToDataView(mlContext, foldDimension, foldVectors, labels[t], heldOut));
                int k = 0;
                foreach (var output in mlContext.Data.CreateEnumerable<HeadOutput>(scored, reuseRowObject: true))
                {
                    outOfFold[heldOut[k++]][t] = output.Probability;
                }

                fits.Done();
            }
        }

        return outOfFold;
    }

    /// <summary>Counts head fits and reports each to the progress, so a console can show how far training is.</summary>
    private sealed class FitCounter(IProgress<TrainingUpdate>? progress, int total)
    {
        private int _done;

        public void Done() => progress?.Report(TrainingUpdate.Fits(++_done, total));
    }

    private static IDataView ToDataView(MLContext mlContext, int dimension, VBuffer<float>[] vectors, bool[] labels, IEnumerable<int> rows) =>
        mlContext.Data.LoadFromEnumerable(
            rows.Select(i => new FeatureRow { Label = labels[i], Features = vectors[i] }).ToArray(),
            HeadTrainers.InputSchema(dimension));

    /// <summary>
    /// Deterministic folds. When every document names its writer, whole writers form the folds (each fold is
    /// scored by heads that never read its writers, as the test split and real use are), dealt in a seeded order to
    /// the fold with the fewest documents so far. Otherwise folds are stratified by theme combination: documents of
    /// each combination are shuffled with the seed and dealt round-robin.
    /// </summary>
    internal static int[] AssignFolds(IReadOnlyList<CorpusDocument> documents, int folds, int seed)
    {
        var assignment = new int[documents.Count];
        var random = new Random(seed);
        var writers = documents.All(d => d.Writer is not null)
            ? Enumerable.Range(0, documents.Count).GroupBy(i => documents[i].Writer!, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).ToArray()
            : [];
        if (writers.Length >= folds)
        {
            random.Shuffle(writers);
            var sizes = new int[folds];
            foreach (var writer in writers.OrderByDescending(w => w.Count()))
            {
                int fold = Array.IndexOf(sizes, sizes.Min());
                foreach (int i in writer)
                {
                    assignment[i] = fold;
                }

                sizes[fold] += writer.Count();
            }

            return assignment;
        }

        int next = 0;
        foreach (var group in Enumerable.Range(0, documents.Count).GroupBy(i => documents[i].Combination).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var members = group.ToArray();
            random.Shuffle(members);
            foreach (int i in members)
            {
                assignment[i] = next++ % folds;
            }
        }

        return assignment;
    }
}
