using ArticleThemes.Featurization;
using ArticleThemes.Scoring;

namespace ArticleThemes.Explanation;

/// <summary>One feature occurrence with the characters it was read from.</summary>
internal readonly record struct Occurrence(int Slot, FeatureKind Kind, int Start, int Length);

/// <summary>One lexicon match (its groups as a bit mask) with the characters of its phrase.</summary>
internal readonly record struct LexiconOccurrence(uint Groups, int Start, int Length);

/// <summary>One word found in the model's word vectors (its entry) with its characters.</summary>
internal readonly record struct WordOccurrence(int Entry, int Start, int Length);

/// <summary>
/// Counts features into the scratch as <see cref="ScratchSink"/> does, and records every occurrence with its range,
/// and, when the model has word vectors, every word found among them.
/// </summary>
internal readonly struct RecordingSink(FeatureScratch scratch, List<Occurrence> occurrences, List<LexiconOccurrence> lexicon, WordScores? wordScores = null, List<WordOccurrence>? words = null) : IFeatureSink
{
    public static bool WantsSpans => true;

    public static bool WantsWords => true;

    public void Add(int slot) => throw new InvalidOperationException("A sink that wants spans gets the span overloads.");

    public void AddLexicon(uint groups) => throw new InvalidOperationException("A sink that wants spans gets the span overloads.");

    public void Add(int slot, FeatureKind kind, int start, int length)
    {
        scratch.Add(slot);
        occurrences.Add(new Occurrence(slot, kind, start, length));
    }

    public void AddLexicon(uint groups, int start, int length)
    {
        scratch.AddLexicon(groups);
        lexicon.Add(new LexiconOccurrence(groups, start, length));
    }

    public void Word(ulong hash, int start, int length)
    {
        int entry = wordScores?.Find(hash) ?? -1;
        if (entry >= 0)
        {
            words?.Add(new WordOccurrence(entry, start, length));
        }
    }
}

/// <summary>Records the character range of every word, in order, as the featurizer splits the text.</summary>
internal readonly struct WordRangeSink(List<(int Start, int End)> words) : IFeatureSink
{
    public static bool WantsSpans => true;

    public static bool WantsWords => false;

    public void Add(int slot) => throw new InvalidOperationException("A sink that wants spans gets the span overloads.");

    public void AddLexicon(uint groups) => throw new InvalidOperationException("A sink that wants spans gets the span overloads.");

    public void Add(int slot, FeatureKind kind, int start, int length)
    {
        if (kind == FeatureKind.Word)
        {
            words.Add((start, start + length));
        }
    }

    public void AddLexicon(uint groups, int start, int length)
    {
    }

    public void Word(ulong hash, int start, int length)
    {
    }
}
