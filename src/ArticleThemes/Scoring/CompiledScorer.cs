using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using ArticleThemes.Featurization;
using ArticleThemes.Lexicon;

namespace ArticleThemes.Scoring;

/// <summary>
/// The hot path: scores a text for every theme in one pass of the featurizer, with the linear heads' sums kept
/// as features arrive (trees, when a model has them, then read the counts). It is compiled from the ML.NET heads
/// (weights, biases, trees and calibrators read out of the model parameters) and holds no mutable state, so one
/// instance serves any number of threads.
/// </summary>
internal sealed class CompiledScorer
{
    private readonly TextFeaturizer _featurizer;
    private readonly CompiledHead[] _heads;

    // Linear heads' weights interleaved by feature (slot * linearCount + head): one cache line serves every head.
    private readonly float[] _linearWeights;
    private readonly int[] _linearThemes;
    private readonly double[] _linearBiases;

    // Lexicon group weights of the linear heads (group * linearCount + head), applied once per text after featurizing.
    private readonly float[] _lexiconWeights;
    private readonly int _lexiconGroups;
    private readonly bool _hasTrees;
    private readonly WordScores? _wordScores;

    /// <param name="featurizer">The featurizer the heads were trained on.</param>
    /// <param name="heads">One head per theme.</param>
    /// <param name="wordScores">
    /// The word vectors' scores when the linear heads also read the mean word vector (then each linear head has
    /// <see cref="WordScores.Dimensions"/> more weights, which serving does not need: the scores hold their effect).
    /// </param>
    public CompiledScorer(TextFeaturizer featurizer, IReadOnlyList<CompiledHead> heads, WordScores? wordScores = null)
    {
        ArgumentNullException.ThrowIfNull(featurizer);
        ArgumentNullException.ThrowIfNull(heads);
        _featurizer = featurizer;
        _heads = heads.ToArray();
        if (wordScores is not null && wordScores.ThemeCount != _heads.Length)
        {
            throw new ArgumentException($"The word table has scores for {wordScores.ThemeCount} themes; there are {_heads.Length} heads.", nameof(wordScores));
        }

        _wordScores = wordScores;
        InputSize = featurizer.FeatureCount + (wordScores?.Dimensions ?? 0);
        _hasTrees = _heads.Any(h => h.Trees is not null);

        var linear = _heads.Select((h, i) => (Head: h, Theme: i)).Where(x => x.Head.Linear is not null).ToArray();
        _linearThemes = linear.Select(x => x.Theme).ToArray();
        _linearBiases = linear.Select(x => x.Head.Linear!.Bias).ToArray();
        _lexiconGroups = featurizer.FeatureCount - featurizer.Dimension;
        _linearWeights = new float[featurizer.Dimension * linear.Length];
        _lexiconWeights = new float[_lexiconGroups * linear.Length];
        for (int h = 0; h < linear.Length; h++)
        {
            var head = linear[h].Head.Linear!;
            if (head.Weights.Length != InputSize)
            {
                throw new ArgumentException($"Head {linear[h].Theme} has {head.Weights.Length} weights; the featurizer and word vectors have {InputSize} features.", nameof(heads));
            }

            for (int slot = 0; slot < featurizer.Dimension; slot++)
            {
                _linearWeights[(slot * linear.Length) + h] = head.Weights[slot];
            }

            for (int g = 0; g < _lexiconGroups; g++)
            {
                _lexiconWeights[(g * linear.Length) + h] = head.Weights[featurizer.Dimension + g];
            }
        }
    }

    public TextFeaturizer Featurizer => _featurizer;

    /// <summary>The word vectors' scores, or null when the heads read no word vectors.</summary>
    public WordScores? WordScores => _wordScores;

    /// <summary>Number of features the linear heads read: the featurizer's, then the word-vector block.</summary>
    public int InputSize { get; }

    public IReadOnlyList<CompiledHead> Heads => _heads;

    /// <summary>
    /// Writes each theme's calibrated probability into <paramref name="probabilities"/>. Returns
    /// <see langword="false"/> when the text has no word at all (then no theme can be a subject of it).
    /// </summary>
    public bool Score(ReadOnlySpan<char> text, Span<float> probabilities) => Score(text, probabilities, []);

    /// <summary>
    /// <see cref="Score(ReadOnlySpan{char}, Span{float})"/>, and, when <paramref name="rawScores"/> is not empty,
    /// each theme's raw score (what the calibration turns into the probability) written into it.
    /// </summary>
    public bool Score(ReadOnlySpan<char> text, Span<float> probabilities, Span<double> rawScores)
    {
        var scratch = FeatureScratch.ForCurrentThread(_featurizer.Dimension);
        int linearCount = _linearThemes.Length;
        Span<double> dots = stackalloc double[linearCount];
        Span<double> wordDots = stackalloc double[linearCount];
        double sumOfSquares;
        double wordWeight;
        int distinct;

        // The dot products and the vector's length are summed while the featurizer runs, so the weights are read
        // as each feature is found and no second pass over the features is needed.
        if (linearCount == 3 && !_hasTrees)
        {
            // The default model: three linear heads, unrolled; no list of slots, since no tree will ask for one.
            var sink = new ThreeLinearHeads(scratch, _linearWeights, _wordScores);
            _featurizer.Emit(text, ref sink);
            (dots[0], dots[1], dots[2]) = (sink.Dot0, sink.Dot1, sink.Dot2);
            (wordDots[0], wordDots[1], wordDots[2]) = (sink.WordDot0, sink.WordDot1, sink.WordDot2);
            (sumOfSquares, distinct, wordWeight) = (sink.RepeatSquares + sink.Distinct, sink.Distinct, sink.WordWeight);
        }
        else
        {
            dots.Clear();
            wordDots.Clear();
            var sink = new LinearHeads(scratch, _linearWeights, dots, _wordScores, _linearThemes, wordDots);
            _featurizer.Emit(text, ref sink);
            (sumOfSquares, distinct, wordWeight) = (sink.RepeatSquares + sink.Distinct, sink.Distinct, sink.WordWeight);
        }

        double norm = Math.Sqrt(sumOfSquares);
        double inverseNorm = norm > 0 ? 1.0 / norm : 0.0;
        for (int h = 0; h < linearCount; h++)
        {
            dots[h] *= inverseNorm;
        }

        // The mean word vector is not scaled by the hashed features' length: it is a mean already (with the word
        // table's prior weight in its denominator, so one or two words are not read at full strength).
        if (wordWeight > 0)
        {
            double meanWeight = wordWeight + _wordScores!.PriorWeight;
            for (int h = 0; h < linearCount; h++)
            {
                dots[h] += wordDots[h] / meanWeight;
            }
        }

        // Lexicon counts are not scaled by the text's length: a group's value is ln(1 + matches).
        for (int g = 0; g < _lexiconGroups; g++)
        {
            int matches = scratch.LexiconCount(g);
            if (matches != 0)
            {
                double value = ThemeLexicon.Value(matches);
                for (int h = 0; h < linearCount; h++)
                {
                    dots[h] += _lexiconWeights[(g * linearCount) + h] * value;
                }
            }
        }

        for (int h = 0; h < linearCount; h++)
        {
            int theme = _linearThemes[h];
            double raw = dots[h] + _linearBiases[h];
            probabilities[theme] = _heads[theme].Calibration.Probability(raw);
            if (!rawScores.IsEmpty)
            {
                rawScores[theme] = raw;
            }
        }

        if (_hasTrees)
        {
            // Trees compare feature values with split thresholds, so they need the norm exactly as training
            // computed it, summed in the featurizer's order.
            double exactNorm = TextFeaturizer.Norm(scratch);
            for (int theme = 0; theme < _heads.Length; theme++)
            {
                if (_heads[theme].Trees is { } trees)
                {
                    double raw = trees.Score(_featurizer, scratch, exactNorm);
                    probabilities[theme] = _heads[theme].Calibration.Probability(raw);
                    if (!rawScores.IsEmpty)
                    {
                        rawScores[theme] = raw;
                    }
                }
            }
        }

        return distinct > 0;
    }

    /// <summary>
    /// Three linear heads' dot products with the unscaled feature vector, and its squared length, kept up to date
    /// as feature occurrences arrive: a new feature adds its weights and 1; a repeat adds the growth of its value.
    /// </summary>
    private ref struct ThreeLinearHeads(FeatureScratch scratch, float[] weights, WordScores? wordScores) : IFeatureSink
    {
        private readonly ref float _weights = ref MemoryMarshal.GetArrayDataReference(weights);

        public double Dot0;
        public double Dot1;
        public double Dot2;
        public double RepeatSquares;
        public int Distinct;
        public double WordDot0;
        public double WordDot1;
        public double WordDot2;
        public double WordWeight;

        public static bool WantsWords => true;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Word(ulong hash, int start, int length)
        {
            if (wordScores is null)
            {
                return;
            }

            int entry = wordScores.Find(hash);
            if (entry >= 0)
            {
                ref float values = ref wordScores.ValuesOf(entry);
                WordWeight += values;
                WordDot0 += Unsafe.Add(ref values, 1);
                WordDot1 += Unsafe.Add(ref values, 2);
                WordDot2 += Unsafe.Add(ref values, 3);
            }
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Add(int slot)
        {
            int previous = scratch.Increment(slot);
            ref float w = ref Unsafe.Add(ref _weights, (nint)(uint)slot * 3);
            if (previous == 0)
            {
                Distinct++;
                Dot0 += w;
                Dot1 += Unsafe.Add(ref w, 1);
                Dot2 += Unsafe.Add(ref w, 2);
            }
            else
            {
                var (step, squareStep) = TextFeaturizer.WeightStep(previous);
                RepeatSquares += squareStep;
                Dot0 += w * step;
                Dot1 += Unsafe.Add(ref w, 1) * step;
                Dot2 += Unsafe.Add(ref w, 2) * step;
            }
        }

        public readonly void AddLexicon(uint groups) => scratch.AddLexicon(groups);

        public static bool WantsSpans => false;

        public void Add(int slot, FeatureKind kind, int start, int length) => Add(slot);

        public readonly void AddLexicon(uint groups, int start, int length) => AddLexicon(groups);
    }

    /// <summary>
    /// Any number of linear heads (<see cref="ThreeLinearHeads"/> in general form); also lists the slots, for trees.
    /// The default model keeps its own unrolled sink, with no list: on a headline this one took about 700 ns for the
    /// default model against 500 ns for that one.
    /// </summary>
    private ref struct LinearHeads(FeatureScratch scratch, float[] weights, Span<double> dots, WordScores? wordScores, int[] themes, Span<double> wordDots) : IFeatureSink
    {
        private readonly ref float _weights = ref MemoryMarshal.GetArrayDataReference(weights);
        private readonly Span<double> _dots = dots;
        private readonly Span<double> _wordDots = wordDots;

        public double RepeatSquares;
        public int Distinct;
        public double WordWeight;

        public static bool WantsWords => true;

        public void Word(ulong hash, int start, int length)
        {
            int entry = wordScores?.Find(hash) ?? -1;
            if (entry >= 0)
            {
                WordWeight += wordScores!.WeightOf(entry);
                for (int h = 0; h < _wordDots.Length; h++)
                {
                    _wordDots[h] += wordScores.ScoreOf(entry, themes[h]);
                }
            }
        }

        public void Add(int slot)
        {
            int previous = scratch.Add(slot);
            int count = _dots.Length;
            ref float w = ref Unsafe.Add(ref _weights, (nint)(uint)slot * (nint)count);
            if (previous == 0)
            {
                Distinct++;
                for (int h = 0; h < count; h++)
                {
                    _dots[h] += Unsafe.Add(ref w, h);
                }
            }
            else
            {
                var (step, squareStep) = TextFeaturizer.WeightStep(previous);
                RepeatSquares += squareStep;
                for (int h = 0; h < count; h++)
                {
                    _dots[h] += Unsafe.Add(ref w, h) * step;
                }
            }
        }

        public readonly void AddLexicon(uint groups) => scratch.AddLexicon(groups);

        public static bool WantsSpans => false;

        public void Add(int slot, FeatureKind kind, int start, int length) => Add(slot);

        public readonly void AddLexicon(uint groups, int start, int length) => AddLexicon(groups);
    }
}

/// <summary>One theme's head: either linear weights or a tree ensemble, then a Platt calibration.</summary>
internal sealed record CompiledHead(string Trainer, PlattCalibration Calibration, LinearWeights? Linear, TreeEnsemble? Trees);

/// <summary>A linear model's dense weights (one per feature: the hashed slots, then the lexicon groups) and bias.</summary>
internal sealed record LinearWeights(float[] Weights, double Bias);
