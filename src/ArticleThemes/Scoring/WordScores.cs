using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace ArticleThemes.Scoring;

/// <summary>
/// A model's word vectors as serving reads them. The linear heads read, after the hashed and lexicon features, the
/// weighted mean of the text's word vectors (<c>Σ wᵢ·vᵢ / (Σ wᵢ + k)</c> over its words found in the vocabulary), so a
/// head's share of the raw score is <c>Σ wᵢ·(u·vᵢ) / (Σ wᵢ + k)</c>, where <c>u</c> is the head's weights for that block
/// and <c>k</c> is <see cref="PriorWeight"/>: a pseudo-weight of the zero vector that keeps a text of one or two words
/// from being read as its words' vectors at full strength (a long text hardly feels it).
/// Training works out <c>wᵢ·(u·vᵢ)</c> for every word and head, and that is all serving keeps: a lookup and a few
/// additions per word, with no vector in memory.
/// </summary>
/// <remarks>
/// Words are keyed by the 64-bit hash the featurizer computes for them (<see cref="Featurization.TextFeaturizer.WordHashes"/>),
/// in an open-addressing table at most half full. Immutable; one instance serves any number of threads.
/// </remarks>
internal sealed class WordScores
{
    private const ulong Fibonacci = 0x9E3779B97F4A7C15UL;

    private readonly ulong[] _hashes;

    // Each entry's weight then its scores, side by side, so that a word found costs one more cache line, not two.
    private readonly float[] _values;
    private readonly int[] _table;
    private readonly int _shift;

    private WordScores(ulong[] hashes, float[] weights, float[] scores, int themeCount, int dimensions, double priorWeight, int[] table, int shift)
    {
        _hashes = hashes;
        _values = new float[hashes.Length * (themeCount + 1)];
        for (int entry = 0; entry < hashes.Length; entry++)
        {
            _values[entry * (themeCount + 1)] = weights[entry];
            scores.AsSpan(entry * themeCount, themeCount).CopyTo(_values.AsSpan((entry * (themeCount + 1)) + 1));
        }

        ThemeCount = themeCount;
        Dimensions = dimensions;
        PriorWeight = priorWeight;
        _table = table;
        _shift = shift;
    }

    /// <summary>Number of words.</summary>
    public int Count => _hashes.Length;

    /// <summary>Number of themes each word has a score for.</summary>
    public int ThemeCount { get; }

    /// <summary>Length of the word vectors: the size of the block the heads read after the featurizer's features.</summary>
    public int Dimensions { get; }

    /// <summary>
    /// The weight <c>k</c> added to the total weight of a text's words before their weighted mean is taken (0 in models
    /// written before it existed, whose mean is the plain weighted mean).
    /// </summary>
    public double PriorWeight { get; }

    /// <summary>Each word's hash, in entry order.</summary>
    public ReadOnlySpan<ulong> Hashes => _hashes;

    /// <summary>
    /// Builds the table. Throws <see cref="InvalidDataException"/> when the arrays disagree in length, a hash repeats,
    /// a weight is not positive and finite, a score not finite, or <paramref name="priorWeight"/> is negative or not finite.
    /// </summary>
    public static WordScores Create(ulong[] hashes, float[] weights, float[] scores, int themeCount, int dimensions, double priorWeight = 0)
    {
        ArgumentNullException.ThrowIfNull(hashes);
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(scores);
        if (themeCount < 1 || dimensions < 1 || weights.Length != hashes.Length || scores.Length != (long)hashes.Length * themeCount)
        {
            throw new InvalidDataException($"The word table is inconsistent: {hashes.Length} words, {weights.Length} weights, {scores.Length} scores for {themeCount} themes, {dimensions} dimensions.");
        }

        if (!(priorWeight >= 0 && double.IsFinite(priorWeight)))
        {
            throw new InvalidDataException($"The word table's prior weight is {priorWeight}; it is a finite number of at least 0.");
        }

        int bits = Math.Max(4, BitOperations.Log2((uint)Math.Max(1, hashes.Length)) + 2);
        if (bits > 30)
        {
            throw new InvalidDataException($"The word table has {hashes.Length} words, more than it can hold.");
        }

        var table = new int[1 << bits];
        Array.Fill(table, -1);
        int shift = 64 - bits;
        int mask = table.Length - 1;
        for (int entry = 0; entry < hashes.Length; entry++)
        {
            if (!(weights[entry] > 0 && float.IsFinite(weights[entry])))
            {
                throw new InvalidDataException($"Word {entry} of the word table has weight {weights[entry]}; weights are positive.");
            }

            for (int t = 0; t < themeCount; t++)
            {
                if (!float.IsFinite(scores[(entry * themeCount) + t]))
                {
                    throw new InvalidDataException($"Word {entry} of the word table has a score that is not a number.");
                }
            }

            int slot = (int)((hashes[entry] * Fibonacci) >> shift);
            while (table[slot] >= 0)
            {
                if (hashes[table[slot]] == hashes[entry])
                {
                    throw new InvalidDataException($"The word table lists the hash {hashes[entry]:x16} twice.");
                }

                slot = (slot + 1) & mask;
            }

            table[slot] = entry;
        }

        return new WordScores(hashes, weights, scores, themeCount, dimensions, priorWeight, table, shift);
    }

    /// <summary>The entry of the word with hash <paramref name="hash"/>, or -1 when it is not in the vocabulary.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Find(ulong hash)
    {
        ref int table = ref MemoryMarshal.GetArrayDataReference(_table);
        int mask = _table.Length - 1;
        int slot = (int)((hash * Fibonacci) >> _shift);
        while (true)
        {
            int entry = Unsafe.Add(ref table, slot);
            if (entry < 0 || _hashes[entry] == hash)
            {
                return entry;
            }

            slot = (slot + 1) & mask;
        }
    }

    /// <summary>The weight of entry <paramref name="entry"/> in a text's mean.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float WeightOf(int entry) => _values[entry * (ThemeCount + 1)];

    /// <summary>The score of entry <paramref name="entry"/> for theme <paramref name="theme"/>: its weight times its vector's dot product with the theme head's weights.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float ScoreOf(int entry, int theme) => _values[(entry * (ThemeCount + 1)) + 1 + theme];

    /// <summary>Entry <paramref name="entry"/>'s weight, followed by its <see cref="ThemeCount"/> scores: the hot path's read.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ref float ValuesOf(int entry) => ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_values), (nint)(uint)entry * (ThemeCount + 1));
}
