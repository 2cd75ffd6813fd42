using ArticleThemes.Featurization;
using ArticleThemes.Lexicon;
using ArticleThemes.Scoring;

namespace ArticleThemes.Semantic;

/// <summary>
/// The accurate tier's heads: for each theme, a linear function of the text's sentence embedding followed by its
/// lexicon group values (the same <c>ln(1 + matches)</c> the fast tier uses, from the one featurizer), then Platt
/// calibration. Holds no mutable state; the encoder it is given is thread-safe.
/// </summary>
internal sealed class SemanticScorer
{
    private readonly SentenceEncoder _encoder;
    private readonly TextFeaturizer _lexiconFeaturizer;
    private readonly CompiledHead[] _heads;
    private readonly int _groups;

    public SemanticScorer(SentenceEncoder encoder, TextFeaturizer lexiconFeaturizer, IReadOnlyList<CompiledHead> heads)
    {
        ArgumentNullException.ThrowIfNull(encoder);
        ArgumentNullException.ThrowIfNull(lexiconFeaturizer);
        ArgumentNullException.ThrowIfNull(heads);
        _encoder = encoder;
        _lexiconFeaturizer = lexiconFeaturizer;
        _heads = heads.ToArray();
        _groups = lexiconFeaturizer.FeatureCount - lexiconFeaturizer.Dimension;
        InputSize = SentenceEncoder.Dimensions + _groups;
        foreach (var head in _heads)
        {
            if (head.Linear is not { } linear || linear.Weights.Length != InputSize)
            {
                throw new ArgumentException($"Every head of the accurate tier must be linear over {InputSize} features.", nameof(heads));
            }
        }
    }

    /// <summary>How many features each head reads: the embedding, then the lexicon groups.</summary>
    public int InputSize { get; }

    /// <summary>The encoder, shared with whoever else needs embeddings of the same texts.</summary>
    public SentenceEncoder Encoder => _encoder;

    /// <summary>The heads' input for <paramref name="text"/> given its <paramref name="embedding"/>; and whether the text has any word.</summary>
    public (float[] Input, bool HasWords) Input(string text, float[] embedding)
    {
        var input = new float[InputSize];
        embedding.CopyTo(input, 0);
        var scratch = _lexiconFeaturizer.Count(text);
        for (int g = 0; g < _groups; g++)
        {
            int matches = scratch.LexiconCount(g);
            input[SentenceEncoder.Dimensions + g] = matches == 0 ? 0f : ThemeLexicon.Value(matches);
        }

        return (input, scratch.Touched.Length > 0);
    }

    /// <summary>Each theme's calibrated probability for the heads' <paramref name="input"/>.</summary>
    public void Score(ReadOnlySpan<float> input, Span<float> probabilities)
    {
        for (int h = 0; h < _heads.Length; h++)
        {
            var linear = _heads[h].Linear!;
            double score = linear.Bias;
            for (int i = 0; i < input.Length; i++)
            {
                score += linear.Weights[i] * (double)input[i];
            }

            probabilities[h] = _heads[h].Calibration.Probability(score);
        }
    }

    /// <summary>Probabilities for many texts, with their embeddings computed in batches; and whether each text has any word.</summary>
    public (float[][] Probabilities, bool[] HasWords) ScoreBatch(IReadOnlyList<string> texts, CancellationToken cancellationToken = default)
    {
        var embeddings = _encoder.EncodeBatch(texts, cancellationToken);
        var probabilities = new float[texts.Count][];
        var hasWords = new bool[texts.Count];
        for (int d = 0; d < texts.Count; d++)
        {
            var (input, words) = Input(texts[d], embeddings[d]);
            probabilities[d] = new float[_heads.Length];
            Score(input, probabilities[d]);
            hasWords[d] = words;
        }

        return (probabilities, hasWords);
    }
}
