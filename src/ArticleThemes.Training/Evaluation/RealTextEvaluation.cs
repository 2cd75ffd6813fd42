using System.Globalization;
using System.Text;
using ArticleThemes.Corpus;
using ArticleThemes.Evaluation.Baselines;

namespace ArticleThemes.Evaluation;

/// <summary>One predictor's metrics on a real-text evaluation set: overall and per source.</summary>
internal sealed record RealTextScores(string Predictor, ModelMetrics Overall, IReadOnlyList<(string Source, ModelMetrics Metrics)> Sources);

/// <summary>
/// The model and the baselines on an evaluation set of real text written and labelled outside the project (the
/// <c>id</c>, <c>text</c>, <c>themes</c>, <c>source</c> format). Nothing here trains or tunes on that set: the
/// baselines that learn are trained on the corpus's training split.
/// </summary>
internal sealed class RealTextEvaluation
{
    public required string Name { get; init; }

    public required IReadOnlyList<string> Themes { get; init; }

    public required int Documents { get; init; }

    public required RealTextScores Model { get; init; }

    public required IReadOnlyList<RealTextScores> Baselines { get; init; }

    /// <summary>Macro-F1 over the themes that have positives in <paramref name="metrics"/> (a source without a theme says nothing about it).</summary>
    public static double MacroF1(ModelMetrics metrics)
    {
        var present = metrics.Themes.Where(t => t.Support > 0).ToArray();
        return present.Length == 0 ? double.NaN : present.Average(t => t.F1);
    }

    public static RealTextEvaluation Evaluate(IThemePredictor classifier, LabeledCorpus trainingCorpus, LabeledCorpus evaluationSet, IEnumerable<IBaseline> baselines)
    {
        ArgumentNullException.ThrowIfNull(classifier);
        ArgumentNullException.ThrowIfNull(evaluationSet);
        var themes = classifier.Themes;
        var unknown = evaluationSet.Themes.Except(themes, StringComparer.Ordinal).ToArray();
        if (unknown.Length > 0)
        {
            throw new DataFormatException(evaluationSet.Source, 0, $"the evaluation set uses theme(s) {string.Join(", ", unknown)} that the model does not know (it knows {string.Join(", ", themes)}).");
        }

        var documents = evaluationSet.Documents;
        var predictions = classifier.ClassifyBatch(documents.Select(d => d.Text).ToArray());
        var probabilities = predictions.Select(p => p.Scores.Select(s => s.Probability).ToArray()).ToArray();
        var predicted = predictions.Select(p => p.Present).ToArray();
        return new RealTextEvaluation
        {
            Name = Path.GetFileName(evaluationSet.Source),
            Themes = themes,
            Documents = documents.Count,
            Model = Score("ArticleThemes", themes, documents, predicted, probabilities),
            Baselines = baselines.Select(b => b.Run(trainingCorpus, documents, themes)).Select(r => Score(r.Name, themes, documents, r.Predicted, r.Probabilities)).ToArray(),
        };
    }

    private static RealTextScores Score(string name, IReadOnlyList<string> themes, IReadOnlyList<CorpusDocument> documents, ThemeMask[] predicted, float[][]? probabilities)
    {
        var sources = documents.Select(d => d.Genre).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)
            .Select(source =>
            {
                var rows = Enumerable.Range(0, documents.Count).Where(i => documents[i].Genre == source).ToArray();
                return (source, MetricsCalculator.Compute(themes, rows.Select(i => documents[i]).ToArray(), rows.Select(i => predicted[i]).ToArray(), probabilities is null ? null : rows.Select(i => probabilities[i]).ToArray()));
            })
            .ToArray();
        return new RealTextScores(name, MetricsCalculator.Compute(themes, documents.ToArray(), predicted, probabilities), sources);
    }

    /// <summary>The section of the Markdown report on this set.</summary>
    /// <param name="plot">The per-source plot (caption and relative path) to show under the per-source tables; <see langword="null"/> for none.</param>
    public string ToMarkdown((string Caption, string Path)? plot = null)
    {
        var c = CultureInfo.InvariantCulture;
        var md = new StringBuilder();
        md.AppendLine(c, $"## Real text: `{Name}`");
        md.AppendLine();
        md.AppendLine(c, $"{Documents} texts written and labelled outside the project; evaluation only (nothing is trained or tuned on them). Macro-F1 of a source averages the themes that have positives there.");
        md.AppendLine();
        md.Append(SummaryTable());
        md.AppendLine();
        md.AppendLine("| source | theme | positives | precision | recall | F1 | " + string.Join(" | ", Baselines.Select(b => $"F1 {b.Predictor}")) + " |");
        md.AppendLine("|---|---|---:|---:|---:|---:|" + string.Concat(Baselines.Select(_ => "---:|")));
        for (int s = 0; s < Model.Sources.Count; s++)
        {
            var (source, metrics) = Model.Sources[s];
            for (int t = 0; t < Themes.Count; t++)
            {
                var x = metrics.Themes[t];
                if (x.Support == 0)
                {
                    continue;
                }

                string baselineF1 = string.Join(" | ", Baselines.Select(b => b.Sources[s].Metrics.Themes[t].F1.ToString("0.000", c)));
                md.AppendLine(c, $"| {source} | {x.Theme} | {x.Support} | {x.Precision:0.000} | {x.Recall:0.000} | {x.F1:0.000} | {baselineF1} |");
            }
        }

        md.AppendLine();
        md.AppendLine("| source | texts | no-theme texts | macro-F1 | false alarms (no theme) | " + string.Join(" | ", Baselines.Select(b => $"macro-F1 {b.Predictor} | false alarms {b.Predictor}")) + " |");
        md.AppendLine("|---|---:|---:|---:|---:|" + string.Concat(Baselines.Select(_ => "---:|---:|")));
        for (int s = 0; s < Model.Sources.Count; s++)
        {
            var (source, m) = Model.Sources[s];
            string baselines = string.Join(" | ", Baselines.Select(b => $"{Format(MacroF1(b.Sources[s].Metrics))} | {FalseAlarms(b.Sources[s].Metrics)}"));
            md.AppendLine(c, $"| {source} | {m.Documents} | {m.NoThemeDocuments} | {Format(MacroF1(m))} | {FalseAlarms(m)} | {baselines} |");
        }

        if (plot is var (caption, path))
        {
            md.AppendLine();
            md.AppendLine(c, $"**{caption}**");
            md.AppendLine();
            md.AppendLine(c, $"![{caption}]({path})");
        }

        return md.ToString();
    }

    /// <summary>One row per predictor: macro-F1, F1 per theme, false alarms on no-theme texts.</summary>
    public string SummaryTable()
    {
        var c = CultureInfo.InvariantCulture;
        var md = new StringBuilder();
        md.AppendLine("| predictor | macro-F1 | " + string.Join(" | ", Themes.Select(t => $"F1 {t}")) + " | false alarms (no theme) |");
        md.AppendLine("|---|---:|" + string.Concat(Themes.Select(_ => "---:|")) + "---:|");
        foreach (var scores in new[] { Model }.Concat(Baselines))
        {
            string name = scores == Model ? "**ArticleThemes**" : $"baseline: {scores.Predictor}";
            md.AppendLine(c, $"| {name} | {Format(MacroF1(scores.Overall))} | {string.Join(" | ", scores.Overall.Themes.Select(t => t.F1.ToString("0.000", c)))} | {FalseAlarms(scores.Overall)} |");
        }

        return md.ToString();
    }

    private static string Format(double value) => double.IsNaN(value) ? "–" : value.ToString("0.000", CultureInfo.InvariantCulture);

    private static string FalseAlarms(ModelMetrics m) => m.NoThemeDocuments == 0 ? "–" : m.FalseAlarmRate.ToString("0.000", CultureInfo.InvariantCulture);
}
