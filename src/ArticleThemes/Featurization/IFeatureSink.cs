namespace ArticleThemes.Featurization;

/// <summary>
/// Receives the feature slots of a text, one call per occurrence, from <see cref="TextFeaturizer.Emit{TSink}"/>.
/// Implemented by structs so that the featurizer's loop is compiled once per sink, with the call inlined.
/// </summary>
internal interface IFeatureSink
{
    /// <summary>One occurrence of the feature hashed to <paramref name="slot"/>.</summary>
    void Add(int slot);

    /// <summary>A lexicon phrase ended at the current word; <paramref name="groups"/> is the bit mask of its groups.</summary>
    void AddLexicon(uint groups);
}

/// <summary>Counts features into a <see cref="FeatureScratch"/>, listing each distinct slot.</summary>
internal readonly struct ScratchSink(FeatureScratch scratch) : IFeatureSink
{
    public void Add(int slot) => scratch.Add(slot);

    public void AddLexicon(uint groups) => scratch.AddLexicon(groups);
}
