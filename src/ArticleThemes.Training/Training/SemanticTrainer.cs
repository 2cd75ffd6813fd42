using System.Diagnostics;
using ArticleThemes.Corpus;
using ArticleThemes.Featurization;
using ArticleThemes.Model;
using ArticleThemes.Semantic;
using Microsoft.ML.Data;

namespace ArticleThemes.Training;

/// <summary>
/// Trains the accurate tier: each document becomes its all-MiniLM-L6-v2 sentence embedding followed by the theme
/// lexicon's group values, and one calibrated linear head per theme is fitted on that, with the same
/// cross-validation, threshold tuning and manifest as the fast tier (<see cref="ThemeTrainer.FitHeads"/>).
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
        var featurizer = new TextFeaturizer(options.Featurizer, options.Lexicon);
        int groups = featurizer.FeatureCount - featurizer.Dimension;
        using var encoder = SentenceEncoder.Create();
        var scorer = new SemanticScorer(encoder, featurizer, []);
        progress?.Report(TrainingUpdate.Line($"Embedding {train.Length} training documents with {SemanticThemeClassifier.EncoderName} ({SentenceEncoder.Dimensions} dimensions, {groups} lexicon groups)..."));
        var embeddings = EmbeddingCache.GetOrCompute(options.EmbeddingCache, encoder, train.Select(d => d.Text).ToArray(), cancellationToken);
        var vectors = train.Select((d, i) => new VBuffer<float>(scorer.InputSize, scorer.Input(d.Text, embeddings[i]).Input)).ToArray();
        var fit = ThemeTrainer.FitHeads(themes, train, vectors, featurizer, candidates, HeadFeatures.Embedding, options, progress, cancellationToken);
        var final = new SemanticScorer(encoder, featurizer, fit.Compiled);
        var encoderInfo = new ManifestEncoder { Name = SemanticThemeClassifier.EncoderName, Dimensions = SentenceEncoder.Dimensions };
        return ThemeTrainer.Finish(corpus, options, themes, train, fit, featurizer, final.InputSize, encoderInfo, clock, progress, null, null, texts => final.ScoreBatch(texts, cancellationToken));
    }
}
