using ArticleThemes.Corpus;
using ArticleThemes.Evaluation.Baselines;

namespace ArticleThemes.Evaluation;

/// <summary>A document the model got most wrong, with what it said and, once explained, why.</summary>
internal sealed record EvaluationError(CorpusDocument Document, float[] Probabilities, ThemeMask Predicted, double Loss)
{
    /// <summary>The model's explanation of the document (every span), or null when not explained.</summary>
    public Explanation.TextExplanation? Explanation { get; init; }
}

/// <summary>Everything <c>evaluate</c> reports, computed on the test split only.</summary>
internal sealed class EvaluationResult
{
    public required IReadOnlyList<string> Themes { get; init; }

    public required IReadOnlyList<CorpusDocument> Documents { get; init; }

    public required PredictorResult Model { get; init; }

    public required ModelMetrics Metrics { get; init; }

    public required IReadOnlyList<(PredictorResult Result, ModelMetrics Metrics)> Baselines { get; init; }

    public required IReadOnlyList<(string Group, string Value, ModelMetrics Metrics)> Groups { get; init; }

    public required ModelMetrics HardNegatives { get; init; }

    public required IReadOnlyList<EvaluationError> WorstErrors { get; init; }

    public required ModelInfo ModelInfo { get; init; }

    public required string CorpusFingerprint { get; init; }

    /// <summary>Micro-averaged F1 (TP, FP and FN pooled over themes): stable on the small groups of a per-genre table.</summary>
    public static double MicroF1(ModelMetrics metrics)
    {
        int tp = metrics.Themes.Sum(t => t.TruePositives);
        int fp = metrics.Themes.Sum(t => t.FalsePositives);
        int fn = metrics.Themes.Sum(t => t.FalseNegatives);
        return (2 * tp) + fp + fn == 0 ? 1 : 2.0 * tp / ((2 * tp) + fp + fn);
    }
}

/// <summary>Evaluates a classifier, and the baselines beside it, on a corpus's test split.</summary>
internal static class Evaluator
{
    public const int WorstErrorCount = 20;

    public static EvaluationResult Evaluate(IThemePredictor classifier, LabeledCorpus corpus, IEnumerable<IBaseline> baselines)
    {
        var test = corpus.Test.ToArray();
        if (test.Length == 0)
        {
            throw new DataFormatException(corpus.Source, 0, "the corpus has no test documents; evaluation never uses training documents.");
        }

        var themes = classifier.Themes;
        var unknown = corpus.Themes.Except(themes, StringComparer.Ordinal).ToArray();
        if (unknown.Length > 0)
        {
            throw new DataFormatException(corpus.Source, 0, $"the corpus uses theme(s) {string.Join(", ", unknown)} that the model does not know (it knows {string.Join(", ", themes)}).");
        }

        var predictions = classifier.ClassifyBatch(test.Select(d => d.Text).ToArray());
        var probabilities = predictions.Select(p => p.Scores.Select(s => s.Probability).ToArray()).ToArray();
        var predicted = predictions.Select(p => p.Present).ToArray();
        var model = new PredictorResult("ArticleThemes", classifier.Info.Tier == ModelTiers.Accurate
            ? $"{classifier.Info.Trainer} heads over {classifier.Info.Encoder} sentence embeddings and the theme lexicon; thresholds tuned by cross-validation"
            : $"{classifier.Info.Trainer} heads over hashed words, word pairs, character chunks and the theme lexicon; thresholds tuned by cross-validation", predicted, probabilities);
        var metrics = MetricsCalculator.Compute(themes, test, predicted, probabilities);

        var groups = new List<(string, string, ModelMetrics)>();
        foreach (var genre in test.Select(d => d.Genre).Distinct().Order(StringComparer.Ordinal))
        {
            groups.Add(("genre", genre, Subset(themes, test, predicted, probabilities, d => d.Genre == genre)));
        }

        foreach (var band in LengthBands.All)
        {
            groups.Add(("length", band, Subset(themes, test, predicted, probabilities, d => d.LengthBand == band)));
        }

        var worst = test
            .Select((d, i) => new EvaluationError(d, probabilities[i], predicted[i], Loss(themes, d, probabilities[i])))
            .Where(e => e.Predicted != MetricsCalculator.LabelMask(themes, e.Document))
            .OrderByDescending(e => e.Loss)
            .ThenBy(e => e.Document.Id, StringComparer.Ordinal)
            .Take(WorstErrorCount)
            .Select(e => e with { Explanation = classifier.Explain(e.Document.Text, int.MaxValue) })
            .ToArray();

        return new EvaluationResult
        {
            Themes = themes,
            Documents = test,
            Model = model,
            Metrics = metrics,
            Baselines = baselines.Select(b => b.Run(corpus, test, themes)).Select(r => (r, MetricsCalculator.Compute(themes, test, r.Predicted, r.Probabilities))).ToArray(),
            Groups = groups,
            HardNegatives = Subset(themes, test, predicted, probabilities, d => d.HardNegative),
            WorstErrors = worst,
            ModelInfo = classifier.Info,
            CorpusFingerprint = corpus.Fingerprint,
        };
    }

    private static ModelMetrics Subset(IReadOnlyList<string> themes, CorpusDocument[] documents, ThemeMask[] predicted, float[][] probabilities, Func<CorpusDocument, bool> include)
    {
        var rows = Enumerable.Range(0, documents.Length).Where(i => include(documents[i])).ToArray();
        return MetricsCalculator.Compute(themes, rows.Select(i => documents[i]).ToArray(), rows.Select(i => predicted[i]).ToArray(), rows.Select(i => probabilities[i]).ToArray());
    }

    /// <summary>Summed absolute error of the probabilities against the labels: how confidently wrong the model was.</summary>
    private static double Loss(IReadOnlyList<string> themes, CorpusDocument document, float[] probabilities)
    {
        double loss = 0;
        for (int t = 0; t < themes.Count; t++)
        {
            loss += Math.Abs((document.Has(themes[t]) ? 1 : 0) - probabilities[t]);
        }

        return loss;
    }
}
