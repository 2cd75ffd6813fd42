namespace ArticleThemes.Training;

/// <summary>
/// Picks a theme's decision threshold from out-of-fold probabilities: the middle of the thresholds whose F1 is
/// within <see cref="PlateauTolerance"/> of the best.
/// </summary>
internal static class ThresholdTuner
{
    /// <summary>Thresholds are kept away from 0 and 1 so that one odd fold cannot make a theme always or never fire.</summary>
    public const float Minimum = 0.05f;
    public const float Maximum = 0.95f;

    /// <summary>
    /// How far below the best F1 a threshold may score and still count as equally good: 0.01, about twice the
    /// sampling error of an F1 measured on a few thousand positives. Near its top the F1 curve is flat within that
    /// error, so its single highest point moves when a few documents change; the middle of the flat top does not.
    /// </summary>
    public const double PlateauTolerance = 0.01;

    /// <summary>
    /// Returns the median of the cut points whose F1 (a document is positive at or above the cut) is within
    /// <see cref="PlateauTolerance"/> of the best F1. Each cut sits midway between two neighbouring distinct
    /// probabilities, so it does not hug one training document.
    /// </summary>
    public static float Tune(IReadOnlyList<float> probabilities, IReadOnlyList<bool> labels)
    {
        ArgumentNullException.ThrowIfNull(probabilities);
        ArgumentNullException.ThrowIfNull(labels);
        if (probabilities.Count != labels.Count)
        {
            throw new ArgumentException("One label per probability.", nameof(labels));
        }

        int positives = labels.Count(l => l);
        if (positives == 0 || positives == labels.Count)
        {
            return 0.5f;
        }

        var cuts = Cuts(probabilities, labels, positives);
        double bestF1 = cuts.Max(c => c.F1);

        // Cuts come in descending order of threshold, so the plateau's thresholds are already sorted.
        var plateau = cuts.Where(c => c.F1 >= bestF1 - PlateauTolerance).Select(c => c.Threshold).ToArray();
        int middle = plateau.Length / 2;
        float median = plateau.Length % 2 == 1 ? plateau[middle] : (plateau[middle - 1] + plateau[middle]) / 2;
        return Math.Clamp(median, Minimum, Maximum);
    }

    /// <summary>Every cut between distinct probabilities, highest first, with the F1 of predicting positive above it.</summary>
    private static List<(float Threshold, double F1)> Cuts(IReadOnlyList<float> probabilities, IReadOnlyList<bool> labels, int positives)
    {
        var order = Enumerable.Range(0, probabilities.Count).OrderByDescending(i => probabilities[i]).ThenBy(i => i).ToArray();
        var cuts = new List<(float, double)>();
        int truePositives = 0;
        for (int k = 0; k < order.Length; k++)
        {
            if (labels[order[k]])
            {
                truePositives++;
            }

            // Cut only between distinct probabilities: everything up to and including k is predicted positive.
            float here = probabilities[order[k]];
            float next = k + 1 < order.Length ? probabilities[order[k + 1]] : 0f;
            if (next != here)
            {
                cuts.Add(((here + next) / 2, 2.0 * truePositives / (k + 1 + positives)));
            }
        }

        return cuts;
    }
}
