using System.Globalization;
using System.Text;
using ArticleThemes.IO;
using ScottPlot;

namespace ArticleThemes.Evaluation.Plots;

/// <summary>
/// The evaluation report's PNG plots, drawn with ScottPlot: precision-recall curves, a reliability diagram,
/// confusion matrices per theme, and F1 per source of each real-text set.
/// </summary>
internal static class EvaluationPlots
{
    /// <summary>Pixel size of the precision-recall and reliability plots.</summary>
    public static readonly (int Width, int Height) CurveSize = (900, 620);

    /// <summary>Pixel size of the confusion plot.</summary>
    public static readonly (int Width, int Height) ConfusionSize = (1000, 460);

    private const float TitleSize = 20;
    private const float LabelSize = 16;
    private const float TickSize = 14;

    // The themes' colours (blue, red, green: the earlier report's), then two more for a model with more themes.
    private static readonly Color[] s_series = [new(31, 119, 180), new(214, 39, 40), new(44, 160, 44), new(148, 103, 189), new(140, 86, 75)];

    /// <summary>Writes the test-split plots into <paramref name="directory"/> and returns their captions and file names.</summary>
    public static IReadOnlyList<(string Caption, string Path)> Write(EvaluationResult result, string directory)
    {
        ArgumentNullException.ThrowIfNull(result);
        var plots = new List<(string, string)>();
        if (result.Model.Probabilities is { } probabilities)
        {
            Save(PrecisionRecall(result, probabilities), CurveSize, directory, "precision-recall.png");
            plots.Add(("Precision-recall curve per theme (test split); the dot is the tuned threshold", "precision-recall.png"));
            Save(Reliability(result, probabilities), CurveSize, directory, "reliability.png");
            plots.Add(("Reliability diagram: mean predicted probability against observed frequency, ten bins; a dot grows with its bin's documents", "reliability.png"));
        }

        Save(Confusion(result), ConfusionSize, directory, "confusion.png");
        plots.Add(("Confusion counts per theme at the tuned thresholds", "confusion.png"));
        return plots;
    }

    /// <summary>Writes the per-source F1 bars of one real-text set as <paramref name="fileName"/> and returns its caption.</summary>
    public static string WriteRealText(RealTextEvaluation evaluation, string directory, string fileName)
    {
        ArgumentNullException.ThrowIfNull(evaluation);
        Save(RealTextSources(evaluation), RealTextSize(evaluation), directory, fileName);
        return $"F1 per source and theme, and macro-F1 per source, on `{evaluation.Name}`: the model beside the baselines";
    }

    /// <summary>
    /// One PNG file name per real-text set, from the set's file name (<c>realtext-dev.jsonl</c> gives
    /// <c>realtext-dev-per-source.png</c>); sets whose names clash get a number.
    /// </summary>
    public static IReadOnlyList<string> RealTextFileNames(IReadOnlyList<RealTextEvaluation> evaluations)
    {
        ArgumentNullException.ThrowIfNull(evaluations);
        var names = new List<string>();
        var taken = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var evaluation in evaluations)
        {
            string stem = Slug(Path.GetFileNameWithoutExtension(evaluation.Name));
            string name = $"{stem}-per-source.png";
            for (int n = 2; !taken.Add(name); n++)
            {
                name = $"{stem}-{n}-per-source.png";
            }

            names.Add(name);
        }

        return names;
    }

    /// <summary>Precision and recall at every cut-off of the probabilities, most probable first.</summary>
    internal static IReadOnlyList<(double Recall, double Precision)> PrecisionRecallPoints(IReadOnlyList<float> probabilities, IReadOnlyList<bool> labels)
    {
        int positives = labels.Count(l => l);
        var points = new List<(double, double)>();
        if (positives == 0)
        {
            return points;
        }

        int tp = 0;
        var order = Enumerable.Range(0, probabilities.Count).OrderByDescending(i => probabilities[i]).ThenBy(i => i).ToArray();
        for (int k = 0; k < order.Length; k++)
        {
            tp += labels[order[k]] ? 1 : 0;
            if (k + 1 == order.Length || probabilities[order[k + 1]] != probabilities[order[k]])
            {
                points.Add(((double)tp / positives, (double)tp / (k + 1)));
            }
        }

        return points;
    }

    internal static Plot PrecisionRecall(EvaluationResult result, float[][] probabilities)
    {
        var plot = NewPlot($"Precision-recall per theme (test split, {result.Metrics.Documents} documents)", "Recall", "Precision");
        for (int t = 0; t < result.Themes.Count; t++)
        {
            var labels = result.Documents.Select(d => d.Has(result.Themes[t])).ToArray();
            var points = PrecisionRecallPoints(probabilities.Select(p => p[t]).ToArray(), labels);
            var color = s_series[t % s_series.Length];
            var metrics = result.Metrics.Themes[t];
            if (points.Count > 0)
            {
                var line = plot.Add.ScatterLine(points.Select(p => p.Recall).ToArray(), points.Select(p => p.Precision).ToArray(), color);
                line.LineWidth = 2.5f;
                line.LegendText = Invariant($"{result.Themes[t]}\nthreshold {result.ModelInfo.Thresholds[t]:0.000} (dot):\nP {metrics.Precision:0.000}, R {metrics.Recall:0.000}");
            }

            // The operating point: the precision and recall the report's table gives at the tuned threshold.
            var marker = plot.Add.Marker(metrics.Recall, metrics.Precision, MarkerShape.FilledCircle, 13, color);
            marker.MarkerLineColor = Colors.Black;
            marker.MarkerLineWidth = 1.5f;
        }

        UnitSquare(plot);
        Legend(plot, Edge.Right);
        return plot;
    }

    internal static Plot Reliability(EvaluationResult result, float[][] probabilities)
    {
        var plot = NewPlot($"Reliability (test split, {result.Metrics.Documents} documents)", "Mean predicted probability", "Observed frequency");
        var diagonal = plot.Add.Line(0, 0, 1, 1);
        diagonal.LineColor = Colors.Gray;
        diagonal.LinePattern = LinePattern.Dashed;
        diagonal.LineWidth = 1.5f;
        diagonal.LegendText = "perfectly calibrated";
        for (int t = 0; t < result.Themes.Count; t++)
        {
            var points = result.Documents.Select((d, i) => (probabilities[i][t], d.Has(result.Themes[t]))).ToArray();
            var bins = MetricsCalculator.ReliabilityBins(points).Where(b => b.Count > 0).ToArray();
            if (bins.Length == 0)
            {
                continue;
            }

            var color = s_series[t % s_series.Length];
            var series = plot.Add.ScatterLine(bins.Select(b => b.MeanProbability).ToArray(), bins.Select(b => b.Frequency).ToArray(), color);
            series.LineWidth = 2;
            series.LegendText = Invariant($"{result.Themes[t]}\nECE {result.Metrics.Themes[t].ExpectedCalibrationError:0.000}");
            // A bin of three documents says less than one of three hundred: the dot's area follows the count.
            int most = bins.Max(b => b.Count);
            foreach (var bin in bins)
            {
                plot.Add.Marker(bin.MeanProbability, bin.Frequency, MarkerShape.FilledCircle, (float)(6 + (16 * Math.Sqrt((double)bin.Count / most))), color);
            }
        }

        UnitSquare(plot);
        Legend(plot, Edge.Right);
        return plot;
    }

    /// <summary>A 2×2 matrix per theme (labelled against predicted), each cell shaded by its share of its row.</summary>
    internal static Plot Confusion(EvaluationResult result)
    {
        var plot = NewPlot($"Confusion per theme at the tuned thresholds (test split, {result.Metrics.Documents} documents)", "Predicted", "Labelled");
        var metrics = result.Metrics.Themes;
        int documents = result.Metrics.Documents;
        var bottom = new ScottPlot.TickGenerators.NumericManual();
        for (int t = 0; t < metrics.Count; t++)
        {
            var m = metrics[t];
            int tn = documents - m.TruePositives - m.FalsePositives - m.FalseNegatives;
            double x = 3.0 * t;
            // Rows: labelled present (top), absent (bottom); columns: predicted present (left), absent (right).
            Cell(plot, x, 1, "TP", m.TruePositives, m.TruePositives + m.FalseNegatives, correct: true);
            Cell(plot, x + 1, 1, "FN", m.FalseNegatives, m.TruePositives + m.FalseNegatives, correct: false);
            Cell(plot, x, 0, "FP", m.FalsePositives, m.FalsePositives + tn, correct: false);
            Cell(plot, x + 1, 0, "TN", tn, m.FalsePositives + tn, correct: true);
            var name = plot.Add.Text(Invariant($"{m.Theme} (F1 {m.F1:0.000})"), x + 1, 2.06);
            Style(name, LabelSize, bold: true, Colors.Black, Alignment.LowerCenter);
            bottom.AddMajor(x + 0.5, "present");
            bottom.AddMajor(x + 1.5, "absent");
        }

        var left = new ScottPlot.TickGenerators.NumericManual();
        left.AddMajor(1.5, "present");
        left.AddMajor(0.5, "absent");
        plot.Axes.Bottom.TickGenerator = bottom;
        plot.Axes.Left.TickGenerator = left;
        plot.HideGrid();
        plot.Axes.SetLimits(-0.1, (3.0 * Math.Max(1, metrics.Count)) - 0.9, -0.08, 2.35);
        return plot;
    }

    /// <summary>
    /// Horizontal grouped bars per source of a real-text set, sources top to bottom: the source's macro-F1, then F1
    /// of each theme with positives there; one bar per predictor (the model first, the keyword baseline beside it,
    /// then the other baselines). Horizontal, so that any number of sources keeps its labels readable: the plot
    /// grows downwards (<see cref="RealTextSize"/>).
    /// </summary>
    internal static Plot RealTextSources(RealTextEvaluation evaluation)
    {
        var plot = NewPlot($"{evaluation.Name} ({evaluation.Documents} texts): F1 per source", "F1", string.Empty);
        RealTextScores[] predictors = [evaluation.Model, .. evaluation.Baselines];
        var bars = predictors.Select(_ => new List<Bar>()).ToArray();
        var ticks = new ScottPlot.TickGenerators.NumericManual();
        var groups = RealTextGroups(evaluation);
        double y = 0; // downwards from the top, one unit a bar
        string? previous = null;
        foreach (var (s, source, label, value) in groups)
        {
            if (previous is not null && previous != source)
            {
                y -= SourceGap;
                var divider = plot.Add.HorizontalLine(y + ((1 + GroupGap + SourceGap) / 2));
                divider.LineColor = Colors.Gray;
                divider.LinePattern = LinePattern.Dashed;
            }

            previous = source;
            for (int p = 0; p < predictors.Length; p++)
            {
                double f1 = value(predictors[p].Sources[s].Metrics);
                bars[p].Add(new Bar
                {
                    Position = y - p,
                    Value = double.IsNaN(f1) ? 0 : f1,
                    FillColor = PredictorColor(p),
                    Size = 0.85,
                    Label = double.IsNaN(f1) ? string.Empty : Invariant($"{f1:0.00}"),
                });
            }

            ticks.AddMajor(y - ((predictors.Length - 1) / 2.0), $"{source} · {label}");
            y -= predictors.Length + GroupGap;
        }

        for (int p = 0; p < predictors.Length; p++)
        {
            var series = plot.Add.Bars(bars[p]);
            series.Horizontal = true;
            series.LegendText = p == 0 ? $"{predictors[p].Predictor} (model)" : $"baseline: {predictors[p].Predictor}";
            series.Color = PredictorColor(p);
            series.ValueLabelStyle.FontSize = 12;
            series.ValueLabelStyle.FontName = PlotFont.Name;
        }

        plot.Axes.Left.TickGenerator = ticks;
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericFixedInterval(0.1);
        plot.Axes.SetLimits(0, 1.08, y + GroupGap - 0.5, 0.5);
        Legend(plot, Edge.Bottom);
        return plot;
    }

    /// <summary>Pixel size of a real-text per-source plot: a fixed width, a height that grows with its bars.</summary>
    public static (int Width, int Height) RealTextSize(RealTextEvaluation evaluation)
    {
        ArgumentNullException.ThrowIfNull(evaluation);
        var groups = RealTextGroups(evaluation);
        int predictors = 1 + evaluation.Baselines.Count;
        int sources = groups.Select(g => g.Source).Distinct(StringComparer.Ordinal).Count();
        double units = (groups.Count * (predictors + GroupGap)) + (Math.Max(0, sources - 1) * SourceGap);
        return (1000, Math.Max(360, 170 + (int)Math.Ceiling(units * PixelsPerBar)));
    }

    private const double GroupGap = 0.8;
    private const double SourceGap = 1.0;
    private const double PixelsPerBar = 17;

    /// <summary>The bar groups, in order: per source (as the evaluation orders them), macro-F1 and each theme it has.</summary>
    private static List<(int SourceIndex, string Source, string Label, Func<ModelMetrics, double> Value)> RealTextGroups(RealTextEvaluation evaluation)
    {
        var groups = new List<(int, string, string, Func<ModelMetrics, double>)>();
        for (int s = 0; s < evaluation.Model.Sources.Count; s++)
        {
            var (source, metrics) = evaluation.Model.Sources[s];
            // A source with only no-theme texts has no F1 to show; its false alarms are in the report's table.
            if (!double.IsNaN(RealTextEvaluation.MacroF1(metrics)))
            {
                groups.Add((s, source, "macro-F1", RealTextEvaluation.MacroF1));
            }

            for (int t = 0; t < evaluation.Themes.Count; t++)
            {
                int theme = t;
                if (metrics.Themes[t].Support > 0)
                {
                    groups.Add((s, source, evaluation.Themes[t], m => m.Themes[theme].F1));
                }
            }
        }

        return groups;
    }

    private static Plot NewPlot(string title, string xLabel, string yLabel)
    {
        PlotFont.EnsureRegistered();
        var plot = new Plot();
        plot.Title(title, TitleSize);
        plot.XLabel(xLabel, LabelSize);
        plot.YLabel(yLabel, LabelSize);
        return plot;
    }

    private static void Cell(Plot plot, double x, double y, string kind, int count, int rowTotal, bool correct)
    {
        double share = rowTotal == 0 ? 0 : (double)count / rowTotal;
        var full = correct ? new Color(31, 119, 180) : new Color(214, 39, 40);
        var fill = Colors.White.MixedWith(full, 0.08 + (0.82 * share));
        var rectangle = plot.Add.Rectangle(x, x + 1, y, y + 1);
        rectangle.FillColor = fill;
        rectangle.LineColor = Colors.White;
        rectangle.LineWidth = 3;
        var ink = share > 0.55 ? Colors.White : Colors.Black;
        var label = plot.Add.Text(Invariant($"{kind} {count}"), x + 0.5, y + 0.58);
        Style(label, LabelSize, bold: true, ink, Alignment.MiddleCenter);
        var percent = plot.Add.Text(rowTotal == 0 ? "–" : Invariant($"{share:0.0%} of row"), x + 0.5, y + 0.3);
        Style(percent, TickSize - 1, bold: false, ink, Alignment.MiddleCenter);
    }

    private static void Style(ScottPlot.Plottables.Text text, float size, bool bold, Color color, Alignment alignment)
    {
        text.LabelFontName = PlotFont.Name;
        text.LabelFontSize = size;
        text.LabelBold = bold;
        text.LabelFontColor = color;
        text.LabelAlignment = alignment;
        text.LabelBackgroundColor = Colors.Transparent;
        text.LabelBorderWidth = 0;
    }

    private static void UnitSquare(Plot plot)
    {
        plot.Axes.SetLimits(-0.02, 1.02, -0.02, 1.04);
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericFixedInterval(0.1);
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericFixedInterval(0.1);
    }

    // Beside or under the data, never over it.
    private static void Legend(Plot plot, Edge edge)
    {
        plot.ShowLegend(edge);
        plot.Legend.FontSize = TickSize;
        plot.Legend.FontName = PlotFont.Name;
    }

    // The model in the report's blue; the first baseline (the keyword lexicon in `evaluate`, the gate's reference)
    // in orange beside it; then grey, then the themes' later colours.
    private static Color PredictorColor(int index) => index switch
    {
        0 => new Color(31, 119, 180),
        1 => new Color(255, 127, 14),
        2 => new Color(150, 150, 150),
        _ => s_series[index % s_series.Length],
    };

    /// <summary>Renders <paramref name="plot"/> to a PNG written atomically, then disposes it.</summary>
    private static void Save(Plot plot, (int Width, int Height) size, string directory, string name)
    {
        using (plot)
        {
            // Every label and tick in the embedded typeface, so nothing depends on the machine's fonts. Set one
            // by one: with plot.Font.Set every label came out regular, the bold ones too.
            plot.Axes.Title.Label.FontName = PlotFont.Name;
            foreach (var axis in plot.Axes.GetAxes())
            {
                axis.Label.FontName = PlotFont.Name;
                axis.TickLabelStyle.FontName = PlotFont.Name;
                axis.TickLabelStyle.FontSize = TickSize;
            }

            plot.Legend.FontName = PlotFont.Name;
            byte[] png = plot.GetImageBytes(size.Width, size.Height, ImageFormat.Png);
            AtomicFile.Write(Path.Combine(directory, name), stream => stream.Write(png));
        }
    }

    private static string Slug(string name)
    {
        var slug = new StringBuilder();
        foreach (char c in name.ToLowerInvariant())
        {
            slug.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '-');
        }

        return slug.Length == 0 ? "realtext" : slug.ToString();
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
