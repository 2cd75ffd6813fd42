using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using ArticleThemes.Featurization;

namespace ArticleThemes.Lexicon;

/// <summary>
/// A curated list of terms and phrases (one to <see cref="MaxPhraseWords"/> words) in named groups, such as
/// <c>trade</c> (tariff, export licence...) and <c>trade.other-sense</c> (electricity tariff, trade deadline...).
/// The featurizer counts each group's matches in a text, and the counts are features of the learned model: the
/// heads weigh a keyword against its context instead of OR-ing keywords after the model.
/// </summary>
/// <remarks>
/// Phrases are matched word by word with the featurizer's own words and word hashes (<see cref="TextFeaturizer.WordHashes"/>),
/// so "Leave-to-remain" in a text matches the phrase "leave to remain" exactly as the featurizer splits it, and
/// there is no second tokenizer to drift. The text format is one <c>group&lt;TAB&gt;phrase</c> per line; blank
/// lines and lines starting with <c>#</c> are ignored.
/// </remarks>
internal sealed class ThemeLexicon
{
    /// <summary>The longest phrase, in words.</summary>
    public const int MaxPhraseWords = 3;

    /// <summary>At most this many groups (their matches are a bit mask).</summary>
    public const int MaxGroups = 32;

    /// <summary>At most this many phrases: bounds what a hostile model file can make a reader build.</summary>
    public const int MaxPhrases = 100_000;

    // Keys of phrases of two and three words are chained from the word hashes exactly as the featurizer chains a
    // word pair, then tagged with the phrase length so a pair key never equals a single word's key.
    private const ulong FnvPrime = 0x100000001B3UL;
    private const ulong PairTag = 0x9E3779B97F4A7C15UL;
    private const ulong TripleTag = 0xC2B2AE3D27D4EB4FUL;

    private readonly ulong[] _keys;
    private readonly uint[] _masks;
    private readonly int _mask;

    private ThemeLexicon(string[] groups, IReadOnlyList<(int Group, string Phrase)> entries, string text)
    {
        Groups = groups;
        Text = text;
        PhraseCount = entries.Count;
        int capacity = 16;
        while (capacity < entries.Count * 4)
        {
            capacity <<= 1;
        }

        _keys = new ulong[capacity];
        _masks = new uint[capacity];
        _mask = capacity - 1;
        var words = new List<ulong>(MaxPhraseWords + 1);
        foreach (var (group, phrase) in entries)
        {
            words.Clear();
            TextFeaturizer.WordHashes(phrase, words);
            ulong key = words.Count switch
            {
                1 => words[0],
                2 => PairKey(words[0], words[1]),
                3 => TripleKey(PairKey(words[0], words[1]), words[2]),
                _ => throw new FormatException($"the phrase '{phrase}' has {words.Count} words; a phrase has 1 to {MaxPhraseWords}."),
            };
            Insert(key, 1u << group);
        }
    }

    /// <summary>The group names, in feature order: group <c>g</c> is feature <c>Dimension + g</c> of the featurizer.</summary>
    public IReadOnlyList<string> Groups { get; }

    /// <summary>How many phrases the lexicon holds.</summary>
    public int PhraseCount { get; }

    /// <summary>The lexicon in its text format, exactly as it was parsed (what a model file stores).</summary>
    public string Text { get; }

    /// <summary>Parses the text format; throws <see cref="FormatException"/> naming the line and the reason.</summary>
    public static ThemeLexicon Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var groups = new List<string>();
        var entries = new List<(int, string)>();
        int lineNumber = 0;
        foreach (var rawLine in text.Split('\n'))
        {
            lineNumber++;
            string line = rawLine.TrimEnd('\r');
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            int tab = line.IndexOf('\t', StringComparison.Ordinal);
            if (tab <= 0 || tab == line.Length - 1)
            {
                throw new FormatException($"line {lineNumber}: expected 'group<TAB>phrase'.");
            }

            string group = line[..tab].Trim();
            string phrase = line[(tab + 1)..].Trim();
            int index = groups.IndexOf(group);
            if (index < 0)
            {
                if (groups.Count == MaxGroups)
                {
                    throw new FormatException($"line {lineNumber}: more than {MaxGroups} groups.");
                }

                groups.Add(group);
                index = groups.Count - 1;
            }

            if (entries.Count == MaxPhrases)
            {
                throw new FormatException($"line {lineNumber}: more than {MaxPhrases} phrases.");
            }

            int words = CountWords(phrase);
            if (words is < 1 or > MaxPhraseWords)
            {
                throw new FormatException($"line {lineNumber}: the phrase '{phrase}' has {words} words; a phrase has 1 to {MaxPhraseWords}.");
            }

            entries.Add((index, phrase));
        }

        if (entries.Count == 0)
        {
            throw new FormatException("the lexicon has no phrase.");
        }

        return new ThemeLexicon([.. groups], entries, text);
    }

    /// <summary>Reads the text format from a stream (UTF-8).</summary>
    public static ThemeLexicon Load(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, leaveOpen: true);
        return Parse(reader.ReadToEnd());
    }

    /// <summary>The groups (as a bit mask) of the one-word phrase <paramref name="word"/>; 0 when none.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public uint MatchWord(ulong word) => Find(word);

    /// <summary>The groups of the two-word phrase ending at <paramref name="word"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public uint MatchPair(ulong previous, ulong word) => Find(PairKey(previous, word));

    /// <summary>The groups of the three-word phrase ending at <paramref name="word"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public uint MatchTriple(ulong beforePrevious, ulong previous, ulong word) => Find(TripleKey(PairKey(beforePrevious, previous), word));

    /// <summary>A group's feature value for <paramref name="count"/> matches: <c>ln(1 + count)</c>, not scaled by the text's length.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Value(int count) => (float)Math.Log(1 + count);

    private static ulong PairKey(ulong first, ulong second) => ((first * FnvPrime) ^ second) ^ PairTag;

    private static ulong TripleKey(ulong pair, ulong third) => ((pair * FnvPrime) ^ third) ^ TripleTag;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private uint Find(ulong key)
    {
        int i = Bucket(key);
        while (true)
        {
            uint mask = _masks[i];
            if (mask == 0)
            {
                return 0;
            }

            if (_keys[i] == key)
            {
                return mask;
            }

            i = (i + 1) & _mask;
        }
    }

    private void Insert(ulong key, uint group)
    {
        int i = Bucket(key);
        while (_masks[i] != 0 && _keys[i] != key)
        {
            i = (i + 1) & _mask;
        }

        _keys[i] = key;
        _masks[i] |= group;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Bucket(ulong key) => (int)((key * 0x9E3779B97F4A7C15UL) >> 40) & _mask;

    private static int CountWords(string phrase)
    {
        var words = new List<ulong>(4);
        TextFeaturizer.WordHashes(phrase, words);
        return words.Count;
    }

    /// <summary>A one-line description, e.g. for logs: groups and phrase count.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{PhraseCount} phrases in {Groups.Count} groups ({string.Join(", ", Groups)})");
}
