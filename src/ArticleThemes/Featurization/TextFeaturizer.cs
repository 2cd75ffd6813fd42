using System.Globalization;
using System.Runtime.CompilerServices;
using ArticleThemes.Lexicon;

namespace ArticleThemes.Featurization;

/// <summary>
/// Turns text into a sparse vector of hashed features in one pass over its characters: lower-cased words, adjacent
/// word pairs and character chunks inside words. A feature's value is <c>1 + ln(count)</c>, and the vector is
/// scaled to unit length so that a headline and a long article land on the same scale. With a
/// <see cref="ThemeLexicon"/>, each of its groups adds one more feature after the hashed slots: the number of the
/// group's phrases in the text, as <c>ln(1 + count)</c> (see <see cref="ThemeLexicon.Value"/>).
/// </summary>
/// <remarks>
/// Training (through ML.NET) and serving (the compiled scorer) both call this class, so the two can never see
/// different features. Nothing here allocates: counts live in a per-thread <see cref="FeatureScratch"/>.
/// </remarks>
internal sealed class TextFeaturizer
{
    // Distinct seeds keep the three feature families apart in the one shared hash space.
    private const ulong WordSeed = 0x243F6A8885A308D3UL;
    private const ulong PairSeed = 0x13198A2E03707344UL;
    private const ulong ChunkSeed = 0xA4093822299F31D0UL;
    private const ulong FnvOffset = 0xCBF29CE484222325UL;
    private const ulong FnvPrime = 0x100000001B3UL;
    private const char Boundary = '\u0001';

    // ln(count) for small counts: the common case on the hot path, without a call to Log.
    private static readonly double[] s_logTable = BuildLogTable();

    private static readonly char[] s_asciiMap = BuildAsciiMap();

    private static readonly (double Step, double SquareStep)[] s_steps = BuildSteps();

    private readonly int _shift;
    private readonly ulong _chunkMask;
    private readonly int _chunkLength;
    private readonly bool _wordPairs;
    private readonly int _maxCharacters;
    private readonly ThemeLexicon? _lexicon;

    public TextFeaturizer(FeaturizerOptions options, ThemeLexicon? lexicon = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Options = options;
        _lexicon = lexicon;
        Dimension = 1 << options.HashBits;
        FeatureCount = Dimension + (lexicon?.Groups.Count ?? 0);
        _shift = 64 - options.HashBits;
        _chunkLength = options.CharacterChunkLength;
        _chunkMask = _chunkLength == 4 ? ulong.MaxValue : (1UL << (16 * _chunkLength)) - 1;
        _wordPairs = options.WordPairs;
        _maxCharacters = options.MaxCharacters;
    }

    public FeaturizerOptions Options { get; }

    /// <summary>Number of hashed feature slots.</summary>
    public int Dimension { get; }

    /// <summary>The lexicon whose group counts follow the hashed slots, or null.</summary>
    public ThemeLexicon? Lexicon => _lexicon;

    /// <summary>Number of features: the hashed slots, then one per lexicon group.</summary>
    public int FeatureCount { get; }

    /// <summary>Counts the features of <paramref name="text"/> into the calling thread's scratch and returns it.</summary>
    public FeatureScratch Count(ReadOnlySpan<char> text)
    {
        var scratch = FeatureScratch.ForCurrentThread(Dimension);
        var sink = new ScratchSink(scratch);
        Emit(text, ref sink);
        return scratch;
    }

    /// <summary>
    /// Hands every feature occurrence of <paramref name="text"/> to <paramref name="sink"/>, in one pass over its
    /// characters: for each word, its character chunks, then the word, then the pair it forms with the word before,
    /// then the lexicon groups of the phrases (of one to three words) that end at the word, if any.
    /// </summary>
    public void Emit<TSink>(ReadOnlySpan<char> text, ref TSink sink)
        where TSink : struct, IFeatureSink, allows ref struct
    {
        if (text.Length > _maxCharacters)
        {
            text = text[.._maxCharacters];
        }

        ulong wordHash = FnvOffset;
        ulong previousWord = 0;
        ulong beforePrevious = 0;
        int wordsSeen = 0;

        // Character ranges, kept only for sinks that want them (the constant folds the rest away).
        int wordStart = 0;
        int previousStart = 0;
        int beforePreviousStart = 0;
        bool hasPrevious = false;
        var lexicon = _lexicon;
        int wordLength = 0;
        ulong chunk = 0;
        int chunkLength = _chunkLength;

        for (int i = 0; i <= text.Length; i++)
        {
            char c = i < text.Length ? Normalize(text[i]) : '\0';
            if (c != '\0')
            {
                if (wordLength == 0)
                {
                    chunk = Boundary;
                    if (TSink.WantsSpans)
                    {
                        wordStart = i;
                    }
                }

                wordHash = (wordHash ^ c) * FnvPrime;
                wordLength++;
                if (chunkLength != 0)
                {
                    chunk = (chunk << 16) | c;
                    if (wordLength + 1 >= chunkLength)
                    {
                        if (TSink.WantsSpans)
                        {
                            // The word is not finished: the sink learns its end from the word that follows its chunks.
                            sink.Add(Slot(chunk & _chunkMask, ChunkSeed), FeatureKind.Chunk, wordStart, i + 1 - wordStart);
                        }
                        else
                        {
                            sink.Add(Slot(chunk & _chunkMask, ChunkSeed));
                        }
                    }
                }
            }
            else if (wordLength != 0)
            {
                if (chunkLength != 0 && wordLength + 2 >= chunkLength)
                {
                    chunk = (chunk << 16) | Boundary;
                    if (TSink.WantsSpans)
                    {
                        sink.Add(Slot(chunk & _chunkMask, ChunkSeed), FeatureKind.Chunk, wordStart, i - wordStart);
                    }
                    else
                    {
                        sink.Add(Slot(chunk & _chunkMask, ChunkSeed));
                    }
                }

                if (TSink.WantsSpans)
                {
                    sink.Add(Slot(wordHash, WordSeed), FeatureKind.Word, wordStart, i - wordStart);
                    if (_wordPairs && hasPrevious)
                    {
                        sink.Add(Slot((previousWord * FnvPrime) ^ wordHash, PairSeed), FeatureKind.Pair, previousStart, i - previousStart);
                    }
                }
                else
                {
                    sink.Add(Slot(wordHash, WordSeed));
                    if (_wordPairs && hasPrevious)
                    {
                        sink.Add(Slot((previousWord * FnvPrime) ^ wordHash, PairSeed));
                    }
                }

                if (lexicon is not null && TSink.WantsSpans)
                {
                    EmitLexiconSpans(lexicon, ref sink, wordHash, previousWord, beforePrevious, wordsSeen, i, wordStart, previousStart, beforePreviousStart);
                }
                else if (lexicon is not null)
                {
                    uint groups = lexicon.MatchWord(wordHash);
                    if (wordsSeen >= 1)
                    {
                        groups |= lexicon.MatchPair(previousWord, wordHash);
                        if (wordsSeen >= 2)
                        {
                            groups |= lexicon.MatchTriple(beforePrevious, previousWord, wordHash);
                        }
                    }

                    if (groups != 0)
                    {
                        sink.AddLexicon(groups);
                    }
                }

                if (TSink.WantsWords)
                {
                    sink.Word(wordHash, TSink.WantsSpans ? wordStart : 0, TSink.WantsSpans ? i - wordStart : 0);
                }

                beforePrevious = previousWord;
                previousWord = wordHash;
                if (TSink.WantsSpans)
                {
                    beforePreviousStart = previousStart;
                    previousStart = wordStart;
                }

                wordsSeen++;
                hasPrevious = true;
                wordHash = FnvOffset;
                wordLength = 0;
            }
        }
    }

    /// <summary>
    /// The lexicon matches ending at the word that ends at <paramref name="end"/>, for a sink that wants ranges: each
    /// group once, with the longest of its phrases that matched (three, two or one words), so the counts are those of
    /// the plain path, which ORs the three masks.
    /// </summary>
    private static void EmitLexiconSpans<TSink>(
        ThemeLexicon lexicon, ref TSink sink, ulong word, ulong previous, ulong beforePrevious, int wordsSeen,
        int end, int wordStart, int previousStart, int beforePreviousStart)
        where TSink : struct, IFeatureSink, allows ref struct
    {
        uint triple = wordsSeen >= 2 ? lexicon.MatchTriple(beforePrevious, previous, word) : 0;
        uint pair = wordsSeen >= 1 ? lexicon.MatchPair(previous, word) & ~triple : 0;
        uint single = lexicon.MatchWord(word) & ~triple & ~pair;
        if (triple != 0)
        {
            sink.AddLexicon(triple, beforePreviousStart, end - beforePreviousStart);
        }

        if (pair != 0)
        {
            sink.AddLexicon(pair, previousStart, end - previousStart);
        }

        if (single != 0)
        {
            sink.AddLexicon(single, wordStart, end - wordStart);
        }
    }

    /// <summary>
    /// The length of the counted vector (0 when the text has no word). The sum runs over the touched slots in the
    /// order they were first seen, the order the compiled scorer sums in, so both get the same value to the bit.
    /// </summary>
    public static double Norm(FeatureScratch scratch)
    {
        double sumOfSquares = 0;
        foreach (int slot in scratch.Touched)
        {
            double v = Weight(scratch.CountOfTouched(slot));
            sumOfSquares += v * v;
        }

        return Math.Sqrt(sumOfSquares);
    }

    /// <summary>The unscaled value of a feature seen <paramref name="count"/> times.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Weight(int count) =>
        count == 1 ? 1.0 : (uint)count < (uint)s_logTable.Length ? 1.0 + s_logTable[count] : 1.0 + Math.Log(count);

    /// <summary>
    /// How much a feature's unscaled value grows when its count goes from <paramref name="previous"/> (≥ 1, as
    /// <see cref="FeatureScratch.Increment"/> returns it) to one more, and how much its square grows; nothing when
    /// the count is saturated. Lets a scorer keep running sums while featurizing instead of sweeping the counts afterwards.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static (double Step, double SquareStep) WeightStep(int previous)
    {
        if ((uint)previous < (uint)s_steps.Length)
        {
            return s_steps[previous];
        }

        return previous == FeatureScratch.MaxCount ? (0, 0) : StepOf(previous);
    }

    /// <summary>
    /// The value a feature has in the unit-length vector, exactly as training saw it. Tree ensembles compare it
    /// with split thresholds, so serving must compute it the same way, in the same precision.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float ScaledValue(int count, double norm) => (float)(Weight(count) / norm);

    /// <summary>
    /// The features of a text as sorted slot indices and their scaled values (the layout ML.NET's sparse
    /// vectors need). Used for training and for checking the compiled scorer; allocates.
    /// </summary>
    public (int[] Indices, float[] Values) Featurize(ReadOnlySpan<char> text)
    {
        var scratch = Count(text);
        double norm = Norm(scratch);
        var indices = new List<int>(scratch.Touched.Length + FeatureCount - Dimension);
        indices.AddRange(scratch.Touched);
        indices.Sort();
        var values = new List<float>(indices.Count);
        foreach (int slot in indices)
        {
            values.Add(ScaledValue(scratch.CountOf(slot), norm));
        }

        for (int g = 0; g < FeatureCount - Dimension; g++)
        {
            int count = scratch.LexiconCount(g);
            if (count > 0)
            {
                indices.Add(Dimension + g);
                values.Add(ThemeLexicon.Value(count));
            }
        }

        return (indices.ToArray(), values.ToArray());
    }

    /// <summary>
    /// The value of feature <paramref name="feature"/> (a hashed slot or a lexicon group) in the counted text, as
    /// <see cref="Featurize"/> gives it; <paramref name="norm"/> is <see cref="Norm"/> of the same count.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float ValueOf(FeatureScratch scratch, int feature, double norm)
    {
        if (feature < Dimension)
        {
            int count = scratch.CountOf(feature);
            return count == 0 ? 0f : ScaledValue(count, norm);
        }

        int matches = scratch.LexiconCount(feature - Dimension);
        return matches == 0 ? 0f : ThemeLexicon.Value(matches);
    }

    /// <summary>
    /// The hash of each word of <paramref name="text"/>, in order, exactly as <see cref="Emit{TSink}"/> computes it:
    /// the one tokenizer that lexicon phrases are matched with.
    /// </summary>
    public static void WordHashes(ReadOnlySpan<char> text, List<ulong> hashes)
    {
        ArgumentNullException.ThrowIfNull(hashes);
        var words = new List<(string Word, ulong Hash)>();
        Words(text, words);
        foreach (var (_, hash) in words)
        {
            hashes.Add(hash);
        }
    }

    /// <summary>
    /// Each word of <paramref name="text"/>, in order, as <see cref="Emit{TSink}"/> reads it: normalized (lower case,
    /// digits as '0'), with the hash <see cref="WordHashes"/> gives it. For training, which needs the words themselves.
    /// </summary>
    internal static void Words(ReadOnlySpan<char> text, List<(string Word, ulong Hash)> words)
    {
        ArgumentNullException.ThrowIfNull(words);
        var word = new System.Text.StringBuilder();
        ulong wordHash = FnvOffset;
        for (int i = 0; i <= text.Length; i++)
        {
            char c = i < text.Length ? Normalize(text[i]) : '\0';
            if (c != '\0')
            {
                wordHash = (wordHash ^ c) * FnvPrime;
                word.Append(c);
            }
            else if (word.Length != 0)
            {
                words.Add((word.ToString(), wordHash));
                wordHash = FnvOffset;
                word.Clear();
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Slot(ulong key, ulong seed)
    {
        // MurmurHash3's 64-bit finalizer: every input bit reaches the top bits we keep.
        ulong x = key ^ seed;
        x ^= x >> 33;
        x *= 0xFF51AFD7ED558CCDUL;
        x ^= x >> 33;
        x *= 0xC4CEB9FE1A85EC53UL;
        x ^= x >> 33;
        return (int)(x >> _shift);
    }

    /// <summary>Lower-cases letters, maps every digit to '0' (years and figures generalize), and returns '\0' for separators.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static char Normalize(char c)
    {
        if (c < 128)
        {
            return s_asciiMap[c];
        }

        return NormalizeNonAscii(c);
    }

    private static char NormalizeNonAscii(char c)
    {
        if (char.IsLetter(c))
        {
            return char.ToLowerInvariant(c);
        }

        if (char.IsDigit(c))
        {
            return '0';
        }

        // Combining marks belong to the word they sit in (Devanagari vowel signs, for example).
        var category = CharUnicodeInfo.GetUnicodeCategory(c);
        return category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark ? c : '\0';
    }

    private static char[] BuildAsciiMap()
    {
        var map = new char[128];
        for (char c = 'a'; c <= 'z'; c++)
        {
            map[c] = c;
            map[char.ToUpperInvariant(c)] = c;
        }

        for (char c = '0'; c <= '9'; c++)
        {
            map[c] = '0';
        }

        return map;
    }

    private static (double Step, double SquareStep)[] BuildSteps()
    {
        var steps = new (double, double)[s_logTable.Length];
        for (int previous = 1; previous < steps.Length; previous++)
        {
            steps[previous] = StepOf(previous);
        }

        return steps;
    }

    private static (double Step, double SquareStep) StepOf(int previous)
    {
        double before = Weight(previous), after = Weight(previous + 1);
        return (after - before, (after * after) - (before * before));
    }

    private static double[] BuildLogTable()
    {
        var table = new double[256];
        for (int i = 1; i < table.Length; i++)
        {
            table[i] = Math.Log(i);
        }

        return table;
    }
}
