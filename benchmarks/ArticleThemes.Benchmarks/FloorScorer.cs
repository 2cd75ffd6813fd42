using System.Runtime.CompilerServices;

namespace ArticleThemes.Benchmarks;

/// <summary>
/// The hardware floor: the least any scorer with our kind of features must do. One pass over the characters,
/// hashing words, word pairs and 4-character chunks into 2^17 slots (as the default model), and three dot products against interleaved
/// weights; no counting of repeats, no normalization, no calibration, no result object, no allocation.
/// </summary>
public sealed class FloorScorer
{
    private const int Bits = 17;
    private readonly float[] _weights;

    public FloorScorer()
    {
        _weights = new float[(1 << Bits) * 3];
        var random = new Random(7);
        for (int i = 0; i < _weights.Length; i++)
        {
            _weights[i] = (float)(random.NextDouble() - 0.5);
        }
    }

    public float Score(ReadOnlySpan<char> text)
    {
        float d0 = 0, d1 = 0, d2 = 0;
        ulong word = 0xCBF29CE484222325UL, previous = 0, chunk = 0;
        int length = 0;
        for (int i = 0; i <= text.Length; i++)
        {
            char c = i < text.Length ? text[i] : ' ';
            if (char.IsAsciiLetterOrDigit(c) || (c > 127 && char.IsLetterOrDigit(c)))
            {
                c = char.ToLowerInvariant(c);
                word = (word ^ c) * 0x100000001B3UL;
                chunk = (chunk << 16) | c;
                if (++length >= 4)
                {
                    Add(Slot(chunk), ref d0, ref d1, ref d2);
                }
            }
            else if (length > 0)
            {
                Add(Slot(word), ref d0, ref d1, ref d2);
                Add(Slot((previous * 0x100000001B3UL) ^ word), ref d0, ref d1, ref d2);
                previous = word;
                word = 0xCBF29CE484222325UL;
                length = 0;
                chunk = 0;
            }
        }

        return d0 + d1 + d2;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Add(int slot, ref float d0, ref float d1, ref float d2)
    {
        int at = slot * 3;
        d0 += _weights[at];
        d1 += _weights[at + 1];
        d2 += _weights[at + 2];
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Slot(ulong key)
    {
        // The same hash as the featurizer's: the floor skips work, not quality.
        key ^= key >> 33;
        key *= 0xFF51AFD7ED558CCDUL;
        key ^= key >> 33;
        key *= 0xC4CEB9FE1A85EC53UL;
        key ^= key >> 33;
        return (int)(key >> (64 - Bits));
    }
}
