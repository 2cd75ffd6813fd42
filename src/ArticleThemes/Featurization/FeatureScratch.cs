using System.Runtime.CompilerServices;

namespace ArticleThemes.Featurization;

/// <summary>
/// Per-thread working memory for one featurization: a count per feature slot, and the list of slots touched.
/// A generation stamp marks which counts belong to the current text, so nothing is cleared between calls and a
/// call costs time in proportion to the text, not to the size of the feature space.
/// </summary>
internal sealed class FeatureScratch
{
    [ThreadStatic]
    private static FeatureScratch? t_instance;

    private uint[] _stamps = [];
    private int[] _counts = [];
    private int[] _touched = [];
    private int _touchedCount;
    private uint _generation;

    /// <summary>The scratch of the calling thread, able to hold <paramref name="dimension"/> slots.</summary>
    public static FeatureScratch ForCurrentThread(int dimension)
    {
        var scratch = t_instance ??= new FeatureScratch();
        scratch.Begin(dimension);
        return scratch;
    }

    /// <summary>Slots with a non-zero count, in the order they were first seen.</summary>
    public ReadOnlySpan<int> Touched => _touched.AsSpan(0, _touchedCount);

    public int TouchedCount => _touchedCount;

    private void Begin(int dimension)
    {
        if (_stamps.Length < dimension)
        {
            _stamps = new uint[dimension];
            _counts = new int[dimension];
            _touched = new int[dimension];
            _generation = 0;
        }

        _touchedCount = 0;
        if (++_generation == 0)
        {
            // The stamp wrapped around after 2^32 texts: old stamps could look current, so start clean.
            Array.Clear(_stamps);
            _generation = 1;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(int slot)
    {
        ref uint stamp = ref _stamps[slot];
        if (stamp == _generation)
        {
            _counts[slot]++;
        }
        else
        {
            stamp = _generation;
            _counts[slot] = 1;
            _touched[_touchedCount++] = slot;
        }
    }

    /// <summary>The count of a slot in the current text (0 when absent).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int CountOf(int slot) => _stamps[slot] == _generation ? _counts[slot] : 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int CountAtTouched(int index) => _counts[_touched[index]];
}
