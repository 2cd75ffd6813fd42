using System.Runtime.CompilerServices;

namespace ArticleThemes.Benchmarks;

/// <summary>
/// The hardware floor: the least any scorer with our kind of features must do. One pass over the characters,
/// hashing words, word pairs and 4-character chunks into 2^17 slots (as the default model), three dot products against interleaved
/// weights, and for each word one probe of a word table the size of the default model's (its weight and three
/// scores beside the key in the probed slot); no counting of repeats, no normalization, no calibration, no result
/// object, no allocation.
/// </summary>
public sealed class FloorScorer
{
    private const int Bits = 17;
    private const int WordBits = 16;
    private readonly float[] _weights;
    private readonly ulong[] _wordKeys;
    private readonly float[] _wordValues;

    /// <param name="vocabulary">Words the table holds (the texts' words, so lookups hit as often as they do for the model).</param>
    /// <param name="tableWords">How many words the table holds in all: the default model's vocabulary size.</param>
    public FloorScorer(IEnumerable<string> vocabulary, int tableWords = 30_000)
    {
        _weights = new float[(1 << Bits) * 3];
        var random = new Random(7);
        for (int i = 0; i < _weights.Length; i++)
        {
            _weights[i] = (float)(random.NextDouble() - 0.5);
        }

        _wordKeys = new ulong[1 << WordBits];
        _wordValues = new float[(1 << WordBits) * 4];
        var keys = vocabulary.Select(WordHash).Distinct().Take(tableWords).ToList();
        while (keys.Count < tableWords)
        {
            keys.Add((ulong)random.NextInt64() | 1);
        }

        foreach (ulong key in keys)
        {
            int slot = WordSlot(key);
            while (_wordKeys[slot] != 0 && _wordKeys[slot] != key)
            {
                slot = (slot + 1) & ((1 << WordBits) - 1);
            }

            _wordKeys[slot] = key;
            for (int k = 0; k < 4; k++)
            {
                _wordValues[(slot * 4) + k] = (float)random.NextDouble();
            }
        }
    }

    public float Score(ReadOnlySpan<char> text)
    {
        float d0 = 0, d1 = 0, d2 = 0;
        float w = 0, s0 = 0, s1 = 0, s2 = 0;
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
                int slot = WordSlot(word);
                while (_wordKeys[slot] != 0)
                {
                    if (_wordKeys[slot] == word)
                    {
                        int at = slot * 4;
                        w += _wordValues[at];
                        s0 += _wordValues[at + 1];
                        s1 += _wordValues[at + 2];
                        s2 += _wordValues[at + 3];
                        break;
                    }

                    slot = (slot + 1) & ((1 << WordBits) - 1);
                }

                previous = word;
                word = 0xCBF29CE484222325UL;
                length = 0;
                chunk = 0;
            }
        }

        return d0 + d1 + d2 + (w > 0 ? (s0 + s1 + s2) / w : 0);
    }

    // The featurizer's word hash (FNV-1a over lower-cased letters and digits), which keys the model's word table.
    private static ulong WordHash(string text)
    {
        ulong hash = 0xCBF29CE484222325UL;
        foreach (char c in text)
        {
            hash = (hash ^ char.ToLowerInvariant(c)) * 0x100000001B3UL;
        }

        return hash;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int WordSlot(ulong key) => (int)((key * 0x9E3779B97F4A7C15UL) >> (64 - WordBits));

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
