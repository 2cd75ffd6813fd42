using System.Diagnostics;
using ArticleThemes.Corpus;
using ArticleThemes.Evaluation;
using ArticleThemes.Featurization;
using ArticleThemes.Model;
using ArticleThemes.Semantic;
using Microsoft.ML.Data;

namespace ArticleThemes.Training;

/// <summary>
/// Trains the accurate tier: each document becomes its all-MiniLM-L6-v2 sentence embedding, the theme lexicon's group
/// values and its neighbour margins among the training split (<see cref="NeighbourIndex"/>), and one calibrated
/// linear head per theme is fitted on that, with the same cross-validation, threshold tuning and manifest as the
/// fast tier (<see cref="ThemeTrainer.FitHeads"/>). A training document's margins are read among other writers'
/// documents only (among the others, when the corpus names no writers): a new text meets no document of its own
/// writer, and a head that saw margins inflated by a writer's own documents would trust them too much.
/// </summary>
internal static class SemanticTrainer
{
    /// <summary>The trainers of the accurate tier: linear heads, which the runtime serves without ML.NET.</summary>
    public static IReadOnlyList<TrainerKind> Candidates { get; } = [TrainerKind.Sdca, TrainerKind.Lbfgs];

    public static TrainingResult Train(LabeledCorpus corpus, TrainingOptions options, IProgress<TrainingUpdate>? progress = null, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        var (themes, train) = ThemeTrainer.CheckCorpus(corpus, options);
        if (options.Trainer == TrainerKind.FastTree)
        {
            throw new ArgumentException("The accurate tier trains linear heads: choose sdca, lbfgs or auto.", nameof(options));
        }

        var candidates = options.Trainer == TrainerKind.Auto ? Candidates : [options.Trainer];
        using var fitted = Fit(themes, train, options, candidates, progress, cancellationToken);
        var encoderInfo = new ManifestEncoder
        {
            Name = SemanticThemeClassifier.EncoderName,
            Dimensions = SentenceEncoder.Dimensions,
            Neighbours = new ManifestNeighbours { Entry = ModelArchive.NeighboursEntry, Documents = fitted.Neighbours.Count, K = fitted.Neighbours.K, Scale = fitted.Neighbours.Scale },
        };
        return ThemeTrainer.Finish(
            corpus, options, themes, train, fitted.Heads, fitted.Featurizer, fitted.Scorer.InputSize, encoderInfo, clock, progress, null, null,
            texts => fitted.Scorer.ScoreBatch(texts, cancellationToken), fitted.Neighbours.Serialize());
    }

    /// <summary>The accurate tier fitted on a training split, before it is measured and written: also the fast tier's teacher (<see cref="TeacherSentences"/>).</summary>
    internal sealed record Fitted(SentenceEncoder Encoder, TextFeaturizer Featurizer, NeighbourIndex Neighbours, int[] Writers, ThemeTrainer.HeadFit Heads, SemanticScorer Scorer) : IDisposable
    {
        public void Dispose() => Encoder.Dispose();
    }

    /// <summary>Embeds the training split, reads each document's neighbour margins among other writers, and fits the heads.</summary>
    internal static Fitted Fit(IReadOnlyList<string> themes, CorpusDocument[] train, TrainingOptions options, IReadOnlyList<TrainerKind> candidates, IProgress<TrainingUpdate>? progress, CancellationToken cancellationToken)
    {
        var featurizer = new TextFeaturizer(options.Featurizer, options.Lexicon);
        int groups = featurizer.FeatureCount - featurizer.Dimension;
        var encoder = SentenceEncoder.Create();
        try
        {
            progress?.Report(TrainingUpdate.Line($"Embedding {train.Length} training documents with {SemanticThemeClassifier.EncoderName} ({SentenceEncoder.Dimensions} dimensions, {groups} lexicon groups)..."));
            var embeddings = EmbeddingCache.GetOrCompute(options.EmbeddingCache, encoder, train.Select(d => d.Text).ToArray(), cancellationToken);
            var masks = train.Select(d => MetricsCalculator.LabelMask(themes, d).Bits).ToArray();
            var neighbours = NeighbourIndex.Create(embeddings, masks, themes.Count);
            var writers = WriterGroups(train);
            var scorer = new SemanticScorer(encoder, featurizer, [], neighbours);
            progress?.Report(TrainingUpdate.Line($"Reading each training document's {neighbours.K} nearest documents with and without each theme, among other writers..."));
            var vectors = new VBuffer<float>[train.Length];
            Parallel.For(0, train.Length, new ParallelOptions { CancellationToken = cancellationToken }, i =>
                vectors[i] = new VBuffer<float>(scorer.InputSize, scorer.Input(train[i].Text, embeddings[i], writers, writers[i]).Input));
            var fit = ThemeTrainer.FitHeads(themes, train, vectors, featurizer, candidates, HeadFeatures.Embedding, options, progress, cancellationToken);
            return new Fitted(encoder, featurizer, neighbours, writers, fit, new SemanticScorer(encoder, featurizer, fit.Compiled, neighbours));
        }
        catch
        {
            encoder.Dispose();
            throw;
        }
    }

    /// <summary>Each document's writer as a number; each document its own group when the corpus does not name every writer.</summary>
    internal static int[] WriterGroups(IReadOnlyList<CorpusDocument> documents)
    {
        if (documents.Any(d => d.Writer is null))
        {
            return Enumerable.Range(0, documents.Count).ToArray();
        }

        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        return documents.Select(d => ids.TryGetValue(d.Writer!, out int id) ? id : ids[d.Writer!] = ids.Count).ToArray();
    }
}
