namespace ArticleThemes.Training;

/// <summary>Picks a theme's decision threshold from out-of-fold probabilities: the one with the best F1.</summary>
internal static class ThresholdTuner
{
    /// <summary>Thresholds are kept away from 0 and 1 so that one odd fold cannot make a theme always or never fire.</summary>
    public const float Minimum = 0.05f;
    public const float Maximum = 0.95f;

    /// <summary>
    /// Returns the threshold that maximizes F1 when a document is positive at or above it. Among equal F1 the
    /// widest gap wins, and the threshold sits midway in the gap between the neighbouring probabilities, so it does
    /// not hug one training document.
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

        var order = Enumerable.Range(0, probabilities.Count).OrderByDescending(i => probabilities[i]).ThenBy(i => i).ToArray();
        double bestF1 = -1;
        double bestGap = -1;
        float best = 0.5f;
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
            if (next == here)
            {
                continue;
            }

            int predicted = k + 1;
            double f1 = 2.0 * truePositives / (predicted + positives);
            double gap = here - next;
            if (f1 > bestF1 + 1e-12 || (Math.Abs(f1 - bestF1) <= 1e-12 && gap > bestGap))
            {
                bestF1 = f1;
                bestGap = gap;
                best = (here + next) / 2;
            }
        }

        return Math.Clamp(best, Minimum, Maximum);
    }
}
