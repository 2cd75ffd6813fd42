using ArticleThemes.Featurization;

namespace ArticleThemes.Scoring;

/// <summary>
/// The hot path: scores a text for every theme in one pass of the featurizer, then one sweep over the features
/// it found. It is compiled from the ML.NET heads (weights, biases, trees and calibrators read out of the model
/// parameters) and holds no mutable state, so one instance serves any number of threads.
/// </summary>
internal sealed class CompiledScorer
{
    private readonly TextFeaturizer _featurizer;
    private readonly CompiledHead[] _heads;

    // Linear heads' weights interleaved by feature (slot * linearCount + head): one cache line serves every head.
    private readonly float[] _linearWeights;
    private readonly int[] _linearThemes;
    private readonly double[] _linearBiases;

    public CompiledScorer(TextFeaturizer featurizer, IReadOnlyList<CompiledHead> heads)
    {
        ArgumentNullException.ThrowIfNull(featurizer);
        ArgumentNullException.ThrowIfNull(heads);
        _featurizer = featurizer;
        _heads = heads.ToArray();

        var linear = _heads.Select((h, i) => (Head: h, Theme: i)).Where(x => x.Head.Linear is not null).ToArray();
        _linearThemes = linear.Select(x => x.Theme).ToArray();
        _linearBiases = linear.Select(x => x.Head.Linear!.Bias).ToArray();
        _linearWeights = new float[featurizer.Dimension * linear.Length];
        for (int h = 0; h < linear.Length; h++)
        {
            var head = linear[h].Head.Linear!;
            if (head.Weights.Length != featurizer.Dimension)
            {
                throw new ArgumentException($"Head {linear[h].Theme} has {head.Weights.Length} weights; the featurizer has {featurizer.Dimension} slots.", nameof(heads));
            }

            for (int slot = 0; slot < head.Weights.Length; slot++)
            {
                _linearWeights[(slot * linear.Length) + h] = head.Weights[slot];
            }
        }
    }

    public TextFeaturizer Featurizer => _featurizer;

    public IReadOnlyList<CompiledHead> Heads => _heads;

    /// <summary>
    /// Writes each theme's calibrated probability into <paramref name="probabilities"/>. Returns
    /// <see langword="false"/> when the text has no word at all (then no theme can be a subject of it).
    /// </summary>
    public bool Score(ReadOnlySpan<char> text, Span<float> probabilities)
    {
        var scratch = _featurizer.Count(text, _linearWeights, _linearThemes.Length);
        var touched = scratch.Touched;
        var weights = _linearWeights;
        int linearCount = _linearThemes.Length;
        Span<double> dots = stackalloc double[Math.Max(linearCount, 1)];
        dots.Clear();

        // One sweep over the distinct features: the vector's length and every linear head's dot product.
        double sumOfSquares = 0;
        if (linearCount == 3)
        {
            // The default model: three linear heads, unrolled.
            double d0 = 0, d1 = 0, d2 = 0;
            foreach (int slot in touched)
            {
                double v = TextFeaturizer.Weight(scratch.CountOfTouched(slot));
                sumOfSquares += v * v;
                int at = slot * 3;
                d0 += weights[at] * v;
                d1 += weights[at + 1] * v;
                d2 += weights[at + 2] * v;
            }

            dots[0] = d0;
            dots[1] = d1;
            dots[2] = d2;
        }
        else
        {
            foreach (int slot in touched)
            {
                double v = TextFeaturizer.Weight(scratch.CountOfTouched(slot));
                sumOfSquares += v * v;
                int at = slot * linearCount;
                for (int h = 0; h < linearCount; h++)
                {
                    dots[h] += weights[at + h] * v;
                }
            }
        }

        double norm = Math.Sqrt(sumOfSquares);
        double inverseNorm = norm > 0 ? 1.0 / norm : 0.0;
        for (int h = 0; h < linearCount; h++)
        {
            int theme = _linearThemes[h];
            probabilities[theme] = _heads[theme].Calibration.Probability((dots[h] * inverseNorm) + _linearBiases[h]);
        }

        for (int theme = 0; theme < _heads.Length; theme++)
        {
            if (_heads[theme].Trees is { } trees)
            {
                probabilities[theme] = _heads[theme].Calibration.Probability(trees.Score(scratch, norm));
            }
        }

        return touched.Length > 0;
    }
}

/// <summary>One theme's head: either linear weights or a tree ensemble, then a Platt calibration.</summary>
internal sealed record CompiledHead(string Trainer, PlattCalibration Calibration, LinearWeights? Linear, TreeEnsemble? Trees);

/// <summary>A linear model's dense weights (one per feature slot) and bias.</summary>
internal sealed record LinearWeights(float[] Weights, double Bias);
