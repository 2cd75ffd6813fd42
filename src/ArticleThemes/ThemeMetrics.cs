namespace ArticleThemes;

/// <summary>How well one theme is recognised on a labelled set of documents.</summary>
public sealed class ThemeMetrics
{
    internal ThemeMetrics(string theme, int support, int truePositives, int falsePositives, int falseNegatives, double expectedCalibrationError)
    {
        Theme = theme;
        Support = support;
        TruePositives = truePositives;
        FalsePositives = falsePositives;
        FalseNegatives = falseNegatives;
        ExpectedCalibrationError = expectedCalibrationError;
    }

    /// <summary>The theme's name.</summary>
    public string Theme { get; }

    /// <summary>Number of documents labelled with the theme.</summary>
    public int Support { get; }

    /// <summary>Documents labelled with the theme and predicted with it.</summary>
    public int TruePositives { get; }

    /// <summary>Documents predicted with the theme but not labelled with it.</summary>
    public int FalsePositives { get; }

    /// <summary>Documents labelled with the theme but not predicted with it.</summary>
    public int FalseNegatives { get; }

    /// <summary>Share of predictions of the theme that are right (1 when there are none).</summary>
    public double Precision => TruePositives + FalsePositives == 0 ? 1 : (double)TruePositives / (TruePositives + FalsePositives);

    /// <summary>Share of the theme's documents that are found (1 when there are none).</summary>
    public double Recall => TruePositives + FalseNegatives == 0 ? 1 : (double)TruePositives / (TruePositives + FalseNegatives);

    /// <summary>Harmonic mean of precision and recall: <c>2TP / (2TP + FP + FN)</c>, 1 when the theme is neither labelled nor predicted.</summary>
    public double F1 => (2 * TruePositives) + FalsePositives + FalseNegatives == 0
        ? 1
        : 2.0 * TruePositives / ((2 * TruePositives) + FalsePositives + FalseNegatives);

    /// <summary>
    /// Expected calibration error of the theme's probabilities over ten equal-width bins: the document-weighted
    /// mean gap between the mean probability and the observed frequency in each bin. <see cref="double.NaN"/>
    /// when the predictor gives no probabilities.
    /// </summary>
    public double ExpectedCalibrationError { get; }
}
