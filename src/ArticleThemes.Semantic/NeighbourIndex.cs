using System.Buffers.Binary;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;

namespace ArticleThemes.Semantic;

/// <summary>
/// The accurate tier's memory of its training split: every training document's sentence embedding (kept in half
/// precision) and its themes. For a text's embedding it gives, per theme, the <em>neighbour margin</em>: the mean
/// cosine similarity of the <see cref="K"/> most similar training documents that carry the theme, minus that of the
/// <see cref="K"/> most similar that do not. The heads read the margins beside the embedding itself.
/// </summary>
/// <remarks>
/// A linear head on an embedding draws one flat boundary through a space where a theme is many separate
/// neighbourhoods (speeches to veterans, arms-control treaties, naval exercises); a text's nearest labelled documents
/// tell which neighbourhood it is in. The index is immutable, so one instance serves any number of threads.
/// </remarks>
internal sealed class NeighbourIndex
{
    /// <summary>How many neighbours of each side a margin averages, unless the model says otherwise.</summary>
    public const int DefaultK = 20;

    /// <summary>
    /// The factor the margins are multiplied by before the heads read them: margins are hundredths of a cosine, the
    /// embedding's coordinates tenths, and the heads' one L2 penalty should not silence the margins for their scale.
    /// </summary>
    public const float DefaultScale = 10f;

    private const int Magic = 0x314E5441; // "ATN1"
    private const int HeaderBytes = 16;

    private readonly float[] _vectors;
    private readonly int[] _themes;

    private NeighbourIndex(float[] vectors, int[] themes, int themeCount, int k, float scale)
    {
        _vectors = vectors;
        _themes = themes;
        ThemeCount = themeCount;
        K = k;
        Scale = scale;
    }

    /// <summary>How many training documents the index holds.</summary>
    public int Count => _themes.Length;

    /// <summary>How many themes each margin vector has.</summary>
    public int ThemeCount { get; }

    /// <summary>How many neighbours of each side a margin averages.</summary>
    public int K { get; }

    /// <summary>The factor applied to each margin in the heads' input.</summary>
    public float Scale { get; }

    /// <summary>
    /// An index of <paramref name="embeddings"/> (each <see cref="SentenceEncoder.Dimensions"/> long, rounded to half
    /// precision as the model file stores them) whose themes are the bit masks <paramref name="themes"/>.
    /// </summary>
    public static NeighbourIndex Create(IReadOnlyList<float[]> embeddings, IReadOnlyList<int> themes, int themeCount, int k = DefaultK, float scale = DefaultScale)
    {
        ArgumentNullException.ThrowIfNull(embeddings);
        ArgumentNullException.ThrowIfNull(themes);
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        if (embeddings.Count != themes.Count || embeddings.Count == 0)
        {
            throw new ArgumentException("One theme mask per embedding, and at least one embedding.", nameof(themes));
        }

        const int d = SentenceEncoder.Dimensions;
        var vectors = new float[embeddings.Count * d];
        for (int i = 0; i < embeddings.Count; i++)
        {
            if (embeddings[i].Length != d)
            {
                throw new ArgumentException($"Embedding {i} has {embeddings[i].Length} values, not {d}.", nameof(embeddings));
            }

            for (int j = 0; j < d; j++)
            {
                vectors[(i * d) + j] = (float)(Half)embeddings[i][j];
            }
        }

        return new NeighbourIndex(vectors, themes.ToArray(), themeCount, k, scale);
    }

    /// <summary>The stored (half-precision) embedding of training document <paramref name="document"/>.</summary>
    public ReadOnlySpan<float> Vector(int document) => _vectors.AsSpan(document * SentenceEncoder.Dimensions, SentenceEncoder.Dimensions);

    /// <summary>
    /// Writes each theme's scaled margin for <paramref name="embedding"/> into <paramref name="margins"/>. When
    /// <paramref name="groups"/> is given (one group per training document, e.g. its writer), documents of group
    /// <paramref name="excludeGroup"/> are skipped: training reads each document's margins among other writers'
    /// documents only, as a new text's are read among writers it does not share. A side with no document counts as
    /// similarity 0.
    /// </summary>
    public void Margins(ReadOnlySpan<float> embedding, Span<float> margins, ReadOnlySpan<int> groups = default, int excludeGroup = -1)
    {
        if (embedding.Length != SentenceEncoder.Dimensions || margins.Length != ThemeCount)
        {
            throw new ArgumentException($"An embedding of {SentenceEncoder.Dimensions} values and {ThemeCount} margins are expected.");
        }

        // Per theme, the K best similarities among documents with it (row 2t) and without it (row 2t + 1), unordered.
        int sides = 2 * ThemeCount;
        Span<float> best = sides * K <= 1024 ? stackalloc float[sides * K] : new float[sides * K];
        Span<int> filled = sides <= 64 ? stackalloc int[sides] : new int[sides];
        Span<int> lowest = sides <= 64 ? stackalloc int[sides] : new int[sides];
        filled.Clear();
        lowest.Clear();
        for (int i = 0; i < _themes.Length; i++)
        {
            if (!groups.IsEmpty && groups[i] == excludeGroup)
            {
                continue;
            }

            float similarity = TensorPrimitives.Dot(embedding, Vector(i));
            for (int t = 0; t < ThemeCount; t++)
            {
                int side = (2 * t) + (((_themes[i] >> t) & 1) == 1 ? 0 : 1);
                var row = best.Slice(side * K, K);
                if (filled[side] < K)
                {
                    row[filled[side]++] = similarity;
                    if (filled[side] == K)
                    {
                        lowest[side] = IndexOfMin(row);
                    }
                }
                else if (similarity > row[lowest[side]])
                {
                    row[lowest[side]] = similarity;
                    lowest[side] = IndexOfMin(row);
                }
            }
        }

        for (int t = 0; t < ThemeCount; t++)
        {
            float with = Mean(best.Slice(2 * t * K, filled[2 * t]));
            float without = Mean(best.Slice(((2 * t) + 1) * K, filled[(2 * t) + 1]));
            margins[t] = Scale * (with - without);
        }
    }

    /// <summary>The index as the model file stores it: a header, the theme masks, then the vectors in half precision, little-endian.</summary>
    public byte[] Serialize()
    {
        const int d = SentenceEncoder.Dimensions;
        var bytes = new byte[HeaderBytes + (Count * sizeof(int)) + (_vectors.Length * sizeof(ushort))];
        var span = bytes.AsSpan();
        BinaryPrimitives.WriteInt32LittleEndian(span, Magic);
        BinaryPrimitives.WriteInt32LittleEndian(span[4..], Count);
        BinaryPrimitives.WriteInt32LittleEndian(span[8..], d);
        BinaryPrimitives.WriteInt32LittleEndian(span[12..], ThemeCount);
        int at = HeaderBytes;
        foreach (int mask in _themes)
        {
            BinaryPrimitives.WriteInt32LittleEndian(span[at..], mask);
            at += sizeof(int);
        }

        foreach (float value in _vectors)
        {
            BinaryPrimitives.WriteHalfLittleEndian(span[at..], (Half)value);
            at += sizeof(ushort);
        }

        return bytes;
    }

    /// <summary>Reads what <see cref="Serialize"/> wrote; a mismatch with the manifest's counts is a <see cref="FormatException"/>.</summary>
    public static NeighbourIndex Deserialize(ReadOnlySpan<byte> bytes, int documents, int themeCount, int k, float scale)
    {
        const int d = SentenceEncoder.Dimensions;
        if (bytes.Length < HeaderBytes || BinaryPrimitives.ReadInt32LittleEndian(bytes) != Magic)
        {
            throw new FormatException("the neighbour entry is not an ArticleThemes neighbour index.");
        }

        int count = BinaryPrimitives.ReadInt32LittleEndian(bytes[4..]);
        int dimensions = BinaryPrimitives.ReadInt32LittleEndian(bytes[8..]);
        int themes = BinaryPrimitives.ReadInt32LittleEndian(bytes[12..]);
        if (count != documents || dimensions != d || themes != themeCount || k < 1
            || bytes.Length != HeaderBytes + ((long)count * sizeof(int)) + ((long)count * d * sizeof(ushort)))
        {
            throw new FormatException($"the neighbour entry holds {count} documents of {dimensions} dimensions and {themes} themes in {bytes.Length} bytes; the manifest expects {documents} of {d} and {themeCount} themes, with k >= 1.");
        }

        var masks = new int[count];
        int at = HeaderBytes;
        for (int i = 0; i < count; i++, at += sizeof(int))
        {
            masks[i] = BinaryPrimitives.ReadInt32LittleEndian(bytes[at..]);
        }

        var vectors = new float[count * d];
        if (BitConverter.IsLittleEndian)
        {
            // The file's byte order is the machine's: convert all 4.9 million values in one vectorized call.
            TensorPrimitives.ConvertToSingle(MemoryMarshal.Cast<byte, Half>(bytes.Slice(at, vectors.Length * sizeof(ushort))), vectors);
        }
        else
        {
            for (int i = 0; i < vectors.Length; i++, at += sizeof(ushort))
            {
                vectors[i] = (float)BinaryPrimitives.ReadHalfLittleEndian(bytes[at..]);
            }
        }

        return new NeighbourIndex(vectors, masks, themeCount, k, scale);
    }

    private static int IndexOfMin(Span<float> row)
    {
        int at = 0;
        for (int j = 1; j < row.Length; j++)
        {
            if (row[j] < row[at])
            {
                at = j;
            }
        }

        return at;
    }

    private static float Mean(ReadOnlySpan<float> values)
    {
        if (values.IsEmpty)
        {
            return 0f;
        }

        // Sorted first, so the sum does not depend on the order the documents were met in.
        Span<float> sorted = values.Length <= 256 ? stackalloc float[values.Length] : new float[values.Length];
        values.CopyTo(sorted);
        sorted.Sort();
        double sum = 0;
        foreach (float v in sorted)
        {
            sum += v;
        }

        return (float)(sum / values.Length);
    }
}
