namespace ArticleThemes.Featurization;

/// <summary>
/// Receives the feature slots of a text, one call per occurrence, from <see cref="TextFeaturizer.Emit{TSink}"/>.
/// Implemented by structs so that the featurizer's loop is compiled once per sink, with the call inlined.
/// </summary>
/// <remarks>
/// A sink whose <see cref="WantsSpans"/> is <see langword="true"/> receives every occurrence through the overloads
/// that carry its character range instead; the others never see a range, and since the constant is folded when
/// the loop is compiled for the sink, the hot path pays nothing for the explanations built on the ranges.
/// </remarks>
internal interface IFeatureSink
{
    /// <summary>Whether the sink wants each occurrence's character range (the span overloads) instead of the plain calls.</summary>
    static abstract bool WantsSpans { get; }

    /// <summary>Whether the sink wants <see cref="Word"/> once per word (for the model's word vectors).</summary>
    static abstract bool WantsWords { get; }

    /// <summary>One occurrence of the feature hashed to <paramref name="slot"/>.</summary>
    void Add(int slot);

    /// <summary>A lexicon phrase ended at the current word; <paramref name="groups"/> is the bit mask of its groups.</summary>
    void AddLexicon(uint groups);

    /// <summary>
    /// One occurrence of the feature hashed to <paramref name="slot"/>, of family <paramref name="kind"/>, read from
    /// the characters <c>[start, start + length)</c> of the text: the word for a word and for each of the word's
    /// character chunks, the two words (and what lies between them) for a word pair. Called only when <see cref="WantsSpans"/>.
    /// </summary>
    void Add(int slot, FeatureKind kind, int start, int length);

    /// <summary>
    /// A lexicon phrase of the groups in <paramref name="groups"/> occupies <c>[start, start + length)</c>. Each group
    /// of a match is given once, with the longest phrase that matched it. Called only when <see cref="WantsSpans"/>.
    /// </summary>
    void AddLexicon(uint groups, int start, int length);

    /// <summary>
    /// A word ended, after all its features: <paramref name="hash"/> is its 64-bit hash (the key of the model's word
    /// vectors). Its range <c>[start, start + length)</c> is given only when <see cref="WantsSpans"/>; otherwise both
    /// are 0. Called only when <see cref="WantsWords"/>.
    /// </summary>
    void Word(ulong hash, int start, int length);
}

/// <summary>The family of a hashed feature occurrence.</summary>
internal enum FeatureKind : byte
{
    /// <summary>A character chunk inside a word.</summary>
    Chunk,

    /// <summary>A word.</summary>
    Word,

    /// <summary>Two adjacent words.</summary>
    Pair,
}

/// <summary>Counts features into a <see cref="FeatureScratch"/>, listing each distinct slot.</summary>
internal readonly struct ScratchSink(FeatureScratch scratch) : IFeatureSink
{
    public static bool WantsSpans => false;

    public static bool WantsWords => false;

    public void Add(int slot) => scratch.Add(slot);

    public void AddLexicon(uint groups) => scratch.AddLexicon(groups);

    public void Add(int slot, FeatureKind kind, int start, int length) => Add(slot);

    public void AddLexicon(uint groups, int start, int length) => AddLexicon(groups);

    public void Word(ulong hash, int start, int length)
    {
    }
}
