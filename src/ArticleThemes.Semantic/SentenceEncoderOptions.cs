namespace ArticleThemes.Semantic;

/// <summary>Settings of a <see cref="SentenceEncoder"/>; every default is documented on its property.</summary>
internal sealed class SentenceEncoderOptions
{
    /// <summary>
    /// The default of <see cref="MaxCharacters"/>: 100,000, the runtime classifier's own limit
    /// (<c>FeaturizerOptions.MaxCharacters</c>), about 15,000 words.
    /// </summary>
    public const int DefaultMaxCharacters = 100_000;

    /// <summary>
    /// Only the first this many characters of a text are read (never splitting a surrogate pair). Default
    /// <see cref="DefaultMaxCharacters"/>.
    /// </summary>
    public int MaxCharacters { get; init; } = DefaultMaxCharacters;

    /// <summary>
    /// At most this many chunks of <see cref="SentenceEncoder.MaxWordPiecesPerChunk"/> word pieces are read from a
    /// text; the rest is ignored. This bounds the cost of one call: each chunk costs about as much as a 190-word
    /// text. Default <see cref="int.MaxValue"/>: the whole text up to <see cref="MaxCharacters"/> is read (about 100
    /// chunks for 100,000 characters of English prose).
    /// </summary>
    public int MaxChunks { get; init; } = int.MaxValue;

    /// <summary>
    /// Threads ONNX Runtime uses inside one model run. Default: the number of processors, at most 4 (on 2 cores,
    /// 2 is measurably faster than 1 for an article; see docs/semantic-encoder.md).
    /// </summary>
    public int IntraOpThreads { get; init; } = Math.Min(Environment.ProcessorCount, 4);

    internal void Validate()
    {
        if (MaxCharacters < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxCharacters), MaxCharacters, "MaxCharacters must be positive.");
        }

        if (MaxChunks < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxChunks), MaxChunks, "MaxChunks must be positive.");
        }

        if (IntraOpThreads < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(IntraOpThreads), IntraOpThreads, "IntraOpThreads must be positive.");
        }
    }
}
