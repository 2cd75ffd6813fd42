using System.Globalization;
using ArticleThemes.IO;

namespace ArticleThemes.Evaluation.Plots;

/// <summary>The evaluation report's PNG plots: precision-recall curves, a reliability diagram and confusion counts.</summary>
internal static class EvaluationPlots
{
    private const int Size = 560;
    private const int Margin = 70;

    /// <summary>Writes the plots into <paramref name="directory"/> and returns their captions and file names.</summary>
    public static IReadOnlyList<(string Caption, string Path)> Write(EvaluationResult result, string directory)
    {
        var plots = new List<(string, string)>();
        if (result.Model.Probabilities is { } probabilities)
        {
            Save(directory, "precision-recall.png", PrecisionRecall(result, probabilities));
            plots.Add(("Precision-recall curve per theme (test split)", "precision-recall.png"));
            Save(directory, "reliability.png", Reliability(result, probabilities));
            plots.Add(("Reliability diagram: mean predicted probability against observed frequency, ten bins", "reliability.png"));
        }

        Save(directory, "confusion.png", Confusion(result));
        plots.Add(("Confusion counts per theme at the tuned thresholds", "confusion.png"));
        return plots;
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

    private static PngCanvas PrecisionRecall(EvaluationResult result, float[][] probabilities)
    {
        var canvas = Axes("PRECISION-RECALL", "RECALL", "PRECISION");
        for (int t = 0; t < result.Themes.Count; t++)
        {
            var labels = result.Documents.Select(d => d.Has(result.Themes[t])).ToArray();
            var points = PrecisionRecallPoints(probabilities.Select(p => p[t]).ToArray(), labels);
            Polyline(canvas, points.Select(p => (p.Recall, p.Precision)).ToArray(), Rgb.Series[t % Rgb.Series.Count]);
        }

        Legend(canvas, result.Themes);
        return canvas;
    }

    private static PngCanvas Reliability(EvaluationResult result, float[][] probabilities)
    {
        var canvas = Axes("RELIABILITY", "MEAN PREDICTED PROBABILITY", "OBSERVED FREQUENCY");
        Polyline(canvas, [(0, 0), (1, 1)], Rgb.Grey);
        for (int t = 0; t < result.Themes.Count; t++)
        {
            var points = result.Documents.Select((d, i) => (probabilities[i][t], d.Has(result.Themes[t]))).ToArray();
            var bins = MetricsCalculator.ReliabilityBins(points).Where(b => b.Count > 0).Select(b => (b.MeanProbability, b.Frequency)).ToArray();
            var color = Rgb.Series[t % Rgb.Series.Count];
            Polyline(canvas, bins, color);
            foreach (var (x, y) in bins)
            {
                var (px, py) = ToPixel(x, y);
                canvas.FillRectangle(px - 3, py - 3, 7, 7, color);
            }
        }

        Legend(canvas, result.Themes);
        return canvas;
    }

    private static PngCanvas Confusion(EvaluationResult result)
    {
        var canvas = new PngCanvas(Size + 140, Size);
        canvas.DrawText(Margin, 20, "CONFUSION COUNTS (TEST SPLIT)", Rgb.Black);
        string[] kinds = ["TP", "FP", "FN", "TN"];
        var metrics = result.Metrics.Themes;
        int documents = result.Metrics.Documents;
        int plotWidth = canvas.Width - (2 * Margin);
        int plotHeight = Size - (2 * Margin);
        int groupWidth = plotWidth / Math.Max(1, metrics.Count);
        int barWidth = (groupWidth - 30) / kinds.Length;
        canvas.DrawLine(Margin, Size - Margin, canvas.Width - Margin, Size - Margin, Rgb.Black);
        for (int t = 0; t < metrics.Count; t++)
        {
            var m = metrics[t];
            int[] values = [m.TruePositives, m.FalsePositives, m.FalseNegatives, documents - m.TruePositives - m.FalsePositives - m.FalseNegatives];
            int x0 = Margin + (t * groupWidth) + 15;
            for (int k = 0; k < kinds.Length; k++)
            {
                int height = documents == 0 ? 0 : (int)Math.Round((double)values[k] / documents * plotHeight);
                int x = x0 + (k * barWidth);
                canvas.FillRectangle(x, Size - Margin - height, barWidth - 4, height, Rgb.Series[k % Rgb.Series.Count]);
                string label = values[k].ToString(CultureInfo.InvariantCulture);
                canvas.DrawText(x, Size - Margin - height - 14, label, Rgb.Black, 1);
                canvas.DrawText(x, Size - Margin + 6, kinds[k], Rgb.Black, 1);
            }

            canvas.DrawText(x0, Size - Margin + 22, result.Themes[t], Rgb.Black);
        }

        return canvas;
    }

    private static PngCanvas Axes(string title, string xLabel, string yLabel)
    {
        var canvas = new PngCanvas(Size + 160, Size);
        canvas.DrawText(Margin, 20, title, Rgb.Black);
        for (int i = 0; i <= 5; i++)
        {
            double v = i / 5.0;
            var (x, _) = ToPixel(v, 0);
            var (_, y) = ToPixel(0, v);
            canvas.DrawLine(x, Margin, x, Size - Margin, Rgb.LightGrey);
            canvas.DrawLine(Margin, y, Margin + (Size - (2 * Margin)), y, Rgb.LightGrey);
            string label = v.ToString("0.0", CultureInfo.InvariantCulture);
            canvas.DrawText(x - 8, Size - Margin + 8, label, Rgb.Black, 1);
            canvas.DrawText(Margin - 26, y - 3, label, Rgb.Black, 1);
        }

        canvas.DrawLine(Margin, Margin, Margin, Size - Margin, Rgb.Black);
        canvas.DrawLine(Margin, Size - Margin, Size - Margin, Size - Margin, Rgb.Black);
        canvas.DrawText(Margin, Size - Margin + 26, xLabel, Rgb.Black);
        canvas.DrawText(4, Margin - 20, yLabel, Rgb.Black);
        return canvas;
    }

    private static void Legend(PngCanvas canvas, IReadOnlyList<string> themes)
    {
        for (int t = 0; t < themes.Count; t++)
        {
            int y = Margin + (t * 22);
            canvas.FillRectangle(Size - Margin + 16, y, 14, 14, Rgb.Series[t % Rgb.Series.Count]);
            canvas.DrawText(Size - Margin + 36, y, themes[t], Rgb.Black);
        }
    }

    private static void Polyline(PngCanvas canvas, IReadOnlyList<(double X, double Y)> points, Rgb color)
    {
        for (int i = 1; i < points.Count; i++)
        {
            var (x0, y0) = ToPixel(points[i - 1].X, points[i - 1].Y);
            var (x1, y1) = ToPixel(points[i].X, points[i].Y);
            canvas.DrawLine(x0, y0, x1, y1, color, 3);
        }
    }

    private static (int X, int Y) ToPixel(double x, double y) =>
        (Margin + (int)Math.Round(x * (Size - (2 * Margin))), Size - Margin - (int)Math.Round(y * (Size - (2 * Margin))));

    private static void Save(string directory, string name, PngCanvas canvas) =>
        AtomicFile.Write(Path.Combine(directory, name), canvas.Save);
}
