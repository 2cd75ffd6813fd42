using ArticleThemes.Corpus;

namespace ArticleThemes.Evaluation;

/// <summary>Multi-label metrics from labelled documents and a predictor's decisions (and, when it has them, probabilities).</summary>
internal static class MetricsCalculator
{
    public const int CalibrationBins = 10;

    /// <param name="themes">The themes, in the order of the indexes in <paramref name="predicted"/> and of each probability array.</param>
    /// <param name="documents">The labelled documents.</param>
    /// <param name="predicted">For each document, the predicted themes.</param>
    /// <param name="probabilities">For each document, each theme's probability; <see langword="null"/> when the predictor has none.</param>
    public static ModelMetrics Compute(IReadOnlyList<string> themes, IReadOnlyList<CorpusDocument> documents, IReadOnlyList<ThemeMask> predicted, IReadOnlyList<float[]>? probabilities)
    {
        if (documents.Count != predicted.Count || (probabilities is not null && probabilities.Count != documents.Count))
        {
            throw new ArgumentException("One prediction per document.", nameof(predicted));
        }

        var perTheme = new ThemeMetrics[themes.Count];
        for (int t = 0; t < themes.Count; t++)
        {
            int tp = 0, fp = 0, fn = 0, support = 0;
            for (int d = 0; d < documents.Count; d++)
            {
                bool actual = documents[d].Has(themes[t]);
                bool guess = predicted[d].Contains(t);
                support += actual ? 1 : 0;
                tp += actual && guess ? 1 : 0;
                fp += !actual && guess ? 1 : 0;
                fn += actual && !guess ? 1 : 0;
            }

            double ece = probabilities is null
                ? double.NaN
                : ExpectedCalibrationError(documents.Select((doc, d) => (probabilities[d][t], doc.Has(themes[t]))).ToArray());
            perTheme[t] = new ThemeMetrics(themes[t], support, tp, fp, fn, ece);
        }

        int exact = 0, noTheme = 0, falseAlarms = 0;
        for (int d = 0; d < documents.Count; d++)
        {
            exact += LabelMask(themes, documents[d]) == predicted[d] ? 1 : 0;
            if (documents[d].Themes.Count == 0)
            {
                noTheme++;
                falseAlarms += predicted[d].IsEmpty ? 0 : 1;
            }
        }

        return new ModelMetrics(perTheme, documents.Count, exact, noTheme, falseAlarms);
    }

    /// <summary>A document's labelled themes, by index in <paramref name="themes"/>.</summary>
    public static ThemeMask LabelMask(IReadOnlyList<string> themes, CorpusDocument document)
    {
        var labelled = ThemeMask.Empty;
        for (int t = 0; t < themes.Count; t++)
        {
            if (document.Has(themes[t]))
            {
                labelled = labelled.With(t);
            }
        }

        return labelled;
    }

    /// <summary>Expected calibration error over <see cref="CalibrationBins"/> equal-width bins.</summary>
    public static double ExpectedCalibrationError(IReadOnlyList<(float Probability, bool Actual)> points)
    {
        if (points.Count == 0)
        {
            return 0;
        }

        var bins = ReliabilityBins(points);
        return bins.Sum(b => b.Count * Math.Abs(b.MeanProbability - b.Frequency)) / points.Count;
    }

    /// <summary>The reliability diagram's bins: count, mean probability and observed frequency of each.</summary>
    public static IReadOnlyList<(int Count, double MeanProbability, double Frequency)> ReliabilityBins(IReadOnlyList<(float Probability, bool Actual)> points)
    {
        var count = new int[CalibrationBins];
        var sum = new double[CalibrationBins];
        var positives = new int[CalibrationBins];
        foreach (var (p, actual) in points)
        {
            int bin = Math.Clamp((int)(p * CalibrationBins), 0, CalibrationBins - 1);
            count[bin]++;
            sum[bin] += p;
            positives[bin] += actual ? 1 : 0;
        }

        return Enumerable.Range(0, CalibrationBins)
            .Select(b => (count[b], count[b] == 0 ? 0 : sum[b] / count[b], count[b] == 0 ? 0 : (double)positives[b] / count[b]))
            .ToArray();
    }
}
