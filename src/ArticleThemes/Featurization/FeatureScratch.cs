using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;

namespace ArticleThemes.Featurization;

/// <summary>
/// Per-thread working memory for one featurization: a count per feature slot, and the list of slots touched.
/// Each slot's entry holds a generation tag (high 16 bits) and the count (low 16 bits, saturating), so one memory
/// access per feature both tells whether the slot belongs to the current text and counts it. Nothing is cleared
/// between calls, so a call costs time in proportion to the text, not to the size of the feature space.
/// </summary>
internal sealed class FeatureScratch
{
    private const uint CountMask = 0xFFFF;
    private const uint TagMask = 0xFFFF0000;

    [ThreadStatic]
    private static FeatureScratch? t_instance;

    private uint[] _entries = [];
    private int[] _touched = [];
    private int _touchedCount;
    private uint _generation;
    private uint _tag;
    private float[]? _prefetch;
    private int _prefetchStride;

    /// <summary>The scratch of the calling thread, emptied and able to hold <paramref name="dimension"/> slots.</summary>
    /// <param name="dimension">The number of feature slots.</param>
    /// <param name="prefetch">Weights (<paramref name="prefetchStride"/> per slot) the caller will read for each
    /// distinct slot; when given, their cache line is requested the moment a slot is first seen, so the load overlaps
    /// with featurizing instead of stalling the sweep that follows. A hint only: results do not depend on it.</param>
    /// <param name="prefetchStride">Weights per slot in <paramref name="prefetch"/>.</param>
    public static FeatureScratch ForCurrentThread(int dimension, float[]? prefetch = null, int prefetchStride = 0)
    {
        var scratch = t_instance ??= new FeatureScratch();
        scratch.Begin(dimension);
        scratch._prefetch = Sse.IsSupported && prefetchStride > 0 ? prefetch : null;
        scratch._prefetchStride = prefetchStride;
        return scratch;
    }

    /// <summary>Slots with a non-zero count, in the order they were first seen.</summary>
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
        if (++_generation > CountMask)
        {
            // The 16-bit tag wrapped: old entries could look current, so start clean (once per 65,535 texts).
            Array.Clear(_entries);
            _generation = 1;
        }

        _tag = _generation << 16;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(int slot)
    {
        ref uint entry = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_entries), (nint)(uint)slot);
        if ((entry & TagMask) == _tag)
        {
            if ((entry & CountMask) != CountMask)
            {
                entry++;
            }
        }
        else
        {
            entry = _tag | 1;
            _touched[_touchedCount++] = slot;
            if (_prefetch is { } weights)
            {
                Prefetch(weights, slot * _prefetchStride);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void Prefetch(float[] weights, int index) =>
        Sse.Prefetch0(Unsafe.AsPointer(ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(weights), (nint)(uint)index)));

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
