using ArticleThemes.Featurization;
using ArticleThemes.Lexicon;
using ArticleThemes.Model;
using ArticleThemes.Scoring;

namespace ArticleThemes.Semantic;

/// <summary>
/// The accurate tier's heads: for each theme, a linear function of the text's sentence embedding, its lexicon group
/// values (the same <c>ln(1 + matches)</c> the fast tier uses, from the one featurizer) and, when the model has a
/// <see cref="NeighbourIndex"/>, its neighbour margins; then Platt calibration. Holds no mutable state; the encoder
/// and index it is given are thread-safe.
/// </summary>
internal sealed class SemanticScorer
{
    private readonly SentenceEncoder _encoder;
    private readonly TextFeaturizer _lexiconFeaturizer;
    private readonly CompiledHead[] _heads;
    private readonly int _groups;
    private readonly NeighbourIndex? _neighbours;

    public SemanticScorer(SentenceEncoder encoder, TextFeaturizer lexiconFeaturizer, IReadOnlyList<CompiledHead> heads, NeighbourIndex? neighbours = null)
    {
        ArgumentNullException.ThrowIfNull(encoder);
        ArgumentNullException.ThrowIfNull(lexiconFeaturizer);
        ArgumentNullException.ThrowIfNull(heads);
        _encoder = encoder;
        _lexiconFeaturizer = lexiconFeaturizer;
        _heads = heads.ToArray();
        _groups = lexiconFeaturizer.FeatureCount - lexiconFeaturizer.Dimension;
        _neighbours = neighbours;
        InputSize = SentenceEncoder.Dimensions + _groups + (neighbours?.ThemeCount ?? 0);
        foreach (var head in _heads)
        {
            if (head.Linear is not { } linear || linear.Weights.Length != InputSize)
            {
                throw new ArgumentException($"Every head of the accurate tier must be linear over {InputSize} features.", nameof(heads));
            }
        }
    }

    /// <summary>The scorer of an accurate-tier model as read, with its neighbour index when it has one.</summary>
    /// <exception cref="ThemeModelException">The neighbour index does not match the manifest.</exception>
    public static SemanticScorer ForModel(SentenceEncoder encoder, ModelArchive.AnyTier model, string sourceName) =>
        new(encoder, model.Featurizer, model.Heads, ReadNeighbours(model, sourceName));

    private static NeighbourIndex? ReadNeighbours(ModelArchive.AnyTier model, string sourceName)
    {
        if (model.Manifest.Encoder?.Neighbours is not { } entry || model.Neighbours is not { } bytes)
        {
            return null;
        }

        try
        {
            return NeighbourIndex.Deserialize(bytes, entry.Documents, model.Themes.Count, entry.K, entry.Scale);
        }
        catch (FormatException ex)
        {
            throw new ThemeModelException(sourceName, $"the model's neighbour index is unreadable: {ex.Message} Retrain it with 'article-themes train --tier accurate' or restore it from a good copy.", ex);
        }
    }

    /// <summary>How many features each head reads: the embedding, then the lexicon groups, then the neighbour margins (if any).</summary>
    public int InputSize { get; }

    /// <summary>The encoder, shared with whoever else needs embeddings of the same texts.</summary>
    public SentenceEncoder Encoder => _encoder;

    /// <summary>The heads' input for <paramref name="text"/> given its <paramref name="embedding"/>; and whether the text has any word.</summary>
    public (float[] Input, bool HasWords) Input(string text, float[] embedding) => Input(text, embedding, default, -1);

    /// <summary>
    /// The heads' input as <see cref="Input(string, float[])"/> gives it, with the neighbour margins read among the
    /// index's documents outside group <paramref name="excludeGroup"/> of <paramref name="groups"/> (training reads a
    /// document's margins among other writers only).
    /// </summary>
    public (float[] Input, bool HasWords) Input(string text, float[] embedding, ReadOnlySpan<int> groups, int excludeGroup)
    {
        var input = new float[InputSize];
        embedding.CopyTo(input, 0);
        var scratch = _lexiconFeaturizer.Count(text);
        for (int g = 0; g < _groups; g++)
        {
            int matches = scratch.LexiconCount(g);
            input[SentenceEncoder.Dimensions + g] = matches == 0 ? 0f : ThemeLexicon.Value(matches);
        }

        _neighbours?.Margins(embedding, input.AsSpan(SentenceEncoder.Dimensions + _groups), groups, excludeGroup);

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
