using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace ArticleThemes.Featurization;

/// <summary>
/// Per-thread working memory for one featurization: a count per feature slot, and the list of slots touched.
/// Each slot's entry holds a generation tag (high 16 bits) and the count (low 16 bits, saturating), so one memory
/// access per feature both tells whether the slot belongs to the current text and counts it. Nothing is cleared
/// between calls, so a call costs time in proportion to the text, not to the size of the feature space.
/// </summary>
internal sealed class FeatureScratch
{
    /// <summary>The highest count a slot can hold; further occurrences leave it there.</summary>
    public const int MaxCount = 0xFFFF;

    private const uint CountMask = MaxCount;
    private const uint TagMask = 0xFFFF0000;

    [ThreadStatic]
    private static FeatureScratch? t_instance;

    private uint[] _entries = [];
    private int[] _touched = [];
    private int _touchedCount;
    private uint _generation;
    private uint _tag;

    // Lexicon group counts: a bit per group says its count belongs to the current text, so Begin clears one word.
    private readonly int[] _lexiconCounts = new int[32];
    private uint _lexiconTouched;

    /// <summary>The scratch of the calling thread, emptied and able to hold <paramref name="dimension"/> slots.</summary>
    /// <param name="dimension">The number of feature slots.</param>
    public static FeatureScratch ForCurrentThread(int dimension)
    {
        var scratch = t_instance ??= new FeatureScratch();
        scratch.Begin(dimension);
        return scratch;
    }

    /// <summary>Slots with a non-zero count, in the order they were first seen (kept by <see cref="Add"/> only).</summary>
    public ReadOnlySpan<int> Touched => _touched.AsSpan(0, _touchedCount);

    private void Begin(int dimension)
    {
        if (_entries.Length < dimension)
        {
            _entries = new uint[dimension];
            _touched = new int[dimension];
            _generation = 0;
        }

        _touchedCount = 0;
        _lexiconTouched = 0;
        if (++_generation > CountMask)
        {
            // The 16-bit tag wrapped: old entries could look current, so start clean (once per 65,535 texts).
            Array.Clear(_entries);
            _generation = 1;
        }

        _tag = _generation << 16;
    }

    /// <summary>
    /// Counts one occurrence of <paramref name="slot"/> as <see cref="Increment"/> does and, when the slot is new to
    /// this text, lists it in <see cref="Touched"/>. Returns the count the slot had before.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Add(int slot)
    {
        int previous = Increment(slot);
        if (previous == 0)
        {
            _touched[_touchedCount++] = slot;
        }

        return previous;
    }

    /// <summary>
    /// Counts one occurrence of <paramref name="slot"/> without listing it, and returns the count it had before:
    /// 0 when the slot is new to this text, <see cref="MaxCount"/> when the count is saturated and did not change.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Increment(int slot)
    {
        ref uint entry = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_entries), (nint)(uint)slot);
        uint current = entry;
        if ((current & TagMask) != _tag)
        {
            entry = _tag | 1;
            return 0;
        }

        int previous = (int)(current & CountMask);
        if (previous != MaxCount)
        {
            entry = current + 1;
        }

        return previous;
    }

    /// <summary>Counts one match for each lexicon group in the bit mask <paramref name="groups"/>.</summary>
    public void AddLexicon(uint groups)
    {
        uint fresh = groups & ~_lexiconTouched;
        _lexiconTouched |= groups;
        while (groups != 0)
        {
            int g = System.Numerics.BitOperations.TrailingZeroCount(groups);
            _lexiconCounts[g] = (fresh & (1u << g)) != 0 ? 1 : _lexiconCounts[g] + 1;
            groups &= groups - 1;
        }
    }

    /// <summary>How many matches lexicon group <paramref name="group"/> has in the current text.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int LexiconCount(int group) => (_lexiconTouched & (1u << group)) != 0 ? _lexiconCounts[group] : 0;

    /// <summary>The count of a slot in the current text (0 when absent).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int CountOf(int slot)
    {
        uint entry = _entries[slot];
        return (entry & TagMask) == _tag ? (int)(entry & CountMask) : 0;
    }

    /// <summary>The count of a slot taken from <see cref="Touched"/> (no check that it belongs to the current text).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int CountOfTouched(int slot) => (int)(Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_entries), (nint)(uint)slot) & CountMask);
}
