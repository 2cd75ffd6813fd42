namespace ArticleThemes.Featurization;

/// <summary>
/// Receives the feature slots of a text, one call per occurrence, from <see cref="TextFeaturizer.Emit{TSink}"/>.
/// Implemented by structs so that the featurizer's loop is compiled once per sink, with the call inlined.
/// </summary>
internal interface IFeatureSink
{
    /// <summary>One occurrence of the feature hashed to <paramref name="slot"/>.</summary>
    void Add(int slot);
}

/// <summary>Counts features into a <see cref="FeatureScratch"/>, listing each distinct slot.</summary>
internal readonly struct ScratchSink(FeatureScratch scratch) : IFeatureSink
{
    public void Add(int slot) => scratch.Add(slot);
}
