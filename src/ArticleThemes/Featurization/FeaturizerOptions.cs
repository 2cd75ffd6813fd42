namespace ArticleThemes.Featurization;

/// <summary>
/// Settings of the text featurizer. They are stored inside every model file, so a model is always scored with
/// the features it was trained on.
/// </summary>
public sealed class FeaturizerOptions
{
    /// <summary>
    /// Number of hash bits: the feature space has 2^<see cref="HashBits"/> slots. Default 17 (131,072 slots): on the
    /// shipped corpus it scores as well as 18 bits, and half the weights and scratch memory keep two threads from
    /// crowding each other out of the cache.
    /// </summary>
    public int HashBits { get; init; } = 17;

    /// <summary>Whether adjacent word pairs are features in addition to single words. Default <see langword="true"/>.</summary>
    public bool WordPairs { get; init; } = true;

    /// <summary>
    /// Length of the character chunks taken inside each word (with word-boundary markers), which let the model
    /// see shared stems such as <c>deport</c> in "deported" and "deportation". 0 turns them off; otherwise 2 to 4. Default 4.
    /// </summary>
    public int CharacterChunkLength { get; init; } = 4;

    /// <summary>
    /// How many characters of a text are read; the rest is ignored. Default 100,000 characters (about 15,000
    /// words, half again the longest article the product is meant for). It bounds the time of one call on any
    /// input, and a theme that is a substantial subject of a text shows itself well before that point.
    /// </summary>
    public int MaxCharacters { get; init; } = 100_000;

    /// <summary>The fewest hash bits <see cref="HashBits"/> may have.</summary>
    public const int MinHashBits = 10;

    /// <summary>The most hash bits <see cref="HashBits"/> may have.</summary>
    public const int MaxHashBits = 24;

    /// <summary>The defaults, as documented on each property.</summary>
    public static FeaturizerOptions Default { get; } = new();

    internal void Validate()
    {
        if (HashBits is < MinHashBits or > MaxHashBits)
        {
            throw new ArgumentOutOfRangeException(nameof(HashBits), HashBits, $"HashBits must be between {MinHashBits} and {MaxHashBits}.");
        }

        if (CharacterChunkLength is < 0 or 1 or > 4)
        {
            throw new ArgumentOutOfRangeException(nameof(CharacterChunkLength), CharacterChunkLength, "CharacterChunkLength must be 0 (off) or between 2 and 4.");
        }

        if (MaxCharacters < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxCharacters), MaxCharacters, "MaxCharacters must be positive.");
        }
    }
}
