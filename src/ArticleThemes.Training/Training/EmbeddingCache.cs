using System.Security.Cryptography;
using System.Text;
using ArticleThemes.IO;
using ArticleThemes.Semantic;

namespace ArticleThemes.Training;

/// <summary>
/// Sentence embeddings kept on disk, text by text: each file holds entries keyed by a SHA-256 of the encoder and one
/// text, so a training run reads every text some earlier run encoded and runs the encoder only on the rest (after
/// documents are added to a corpus, only the new ones). The files of one directory are read together; a file that
/// is damaged or of another format is ignored (its texts are encoded again).
/// </summary>
/// <remarks>
/// Reusing a text's vector from an earlier run does not change training: the encoder gives a text the same floats,
/// bit for bit, whatever else is in its batch (padding is masked), which a test checks.
/// </remarks>
internal static class EmbeddingCache
{
    private const int Magic = 0x32425441; // "ATB2": keyed entries
    private const int KeyBytes = 16;
    private const int HeaderBytes = 12;

    // Part of every entry's key: bumped whenever the encoder's output for a text changes, so older entries are not
    // read as current. 2: the console stopped running with invariant globalization, so accents are now stripped.
    private const int KeyVersion = 2;

    public static float[][] GetOrCompute(string? directory, SentenceEncoder encoder, IReadOnlyList<string> texts, CancellationToken cancellationToken)
    {
        if (directory is null)
        {
            return encoder.EncodeBatch(texts, cancellationToken);
        }

        var keys = texts.Select(Key).ToArray();
        var wanted = keys.ToHashSet(StringComparer.Ordinal);
        var found = Directory.Exists(directory) ? Read(directory, wanted) : [];
        var missing = Enumerable.Range(0, texts.Count).Where(i => !found.ContainsKey(keys[i])).ToArray();
        if (missing.Length > 0)
        {
            // Each missing text once, even if the list repeats it.
            var firsts = missing.DistinctBy(i => keys[i], StringComparer.Ordinal).ToArray();
            var computed = encoder.EncodeBatch(firsts.Select(i => texts[i]).ToArray(), cancellationToken);
            for (int k = 0; k < firsts.Length; k++)
            {
                found[keys[firsts[k]]] = computed[k];
            }

            Write(directory, firsts.Select((i, k) => (keys[i], computed[k])).ToArray());
        }

        return keys.Select(key => found[key]).ToArray();
    }

    /// <summary>The entries of every readable cache file in <paramref name="directory"/> whose key is wanted.</summary>
    private static Dictionary<string, float[]> Read(string directory, HashSet<string> wanted)
    {
        var found = new Dictionary<string, float[]>(StringComparer.Ordinal);
        foreach (string path in Directory.EnumerateFiles(directory, $"{SemanticThemeClassifier.EncoderName}-*.bin").Order(StringComparer.Ordinal))
        {
            using var reader = new BinaryReader(File.OpenRead(path));
            long length = reader.BaseStream.Length;
            if (length < HeaderBytes || reader.ReadInt32() != Magic)
            {
                continue;
            }

            int count = reader.ReadInt32();
            int dimensions = reader.ReadInt32();
            long entryBytes = KeyBytes + ((long)dimensions * sizeof(float));
            if (dimensions != SentenceEncoder.Dimensions || count < 0 || length != HeaderBytes + (count * entryBytes))
            {
                continue;
            }

            for (int e = 0; e < count; e++)
            {
                string key = Convert.ToHexStringLower(reader.ReadBytes(KeyBytes));
                if (!wanted.Contains(key) || found.ContainsKey(key))
                {
                    reader.BaseStream.Seek(dimensions * sizeof(float), SeekOrigin.Current);
                    continue;
                }

                var vector = new float[dimensions];
                for (int k = 0; k < dimensions; k++)
                {
                    vector[k] = reader.ReadSingle();
                }

                found[key] = vector;
            }
        }

        return found;
    }

    /// <summary>Writes the entries to a new file, named by a hash of their keys, atomically.</summary>
    private static void Write(string directory, (string Key, float[] Vector)[] entries)
    {
        Directory.CreateDirectory(directory);
        string name = Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(string.Concat(entries.Select(e => e.Key)))))[..24];
        AtomicFile.Write(Path.Combine(directory, $"{SemanticThemeClassifier.EncoderName}-{name}.bin"), stream =>
        {
            using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
            writer.Write(Magic);
            writer.Write(entries.Length);
            writer.Write(SentenceEncoder.Dimensions);
            foreach (var (key, vector) in entries)
            {
                writer.Write(Convert.FromHexString(key));
                foreach (float value in vector)
                {
                    writer.Write(value);
                }
            }
        }, overwrite: true);
    }

    /// <summary>An entry's key: the first 16 bytes of a SHA-256 of the key version, the encoder's name and the text, in hex.</summary>
    private static string Key(string text)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(BitConverter.GetBytes(KeyVersion));
        hash.AppendData(Encoding.UTF8.GetBytes(SemanticThemeClassifier.EncoderName));
        hash.AppendData(BitConverter.GetBytes(text.Length));
        hash.AppendData(Encoding.UTF8.GetBytes(text));
        return Convert.ToHexStringLower(hash.GetHashAndReset().AsSpan(0, KeyBytes));
    }
}
