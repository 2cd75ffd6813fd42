using System.Security.Cryptography;
using System.Text;
using ArticleThemes.IO;
using ArticleThemes.Semantic;

namespace ArticleThemes.Training;

/// <summary>
/// Sentence embeddings of a list of texts kept on disk: one file per encoder and list of texts (a SHA-256 of both
/// names the file), so a second training run on the same documents reads them instead of running the encoder for
/// minutes. A file that does not match what it should hold is ignored and written again.
/// </summary>
internal static class EmbeddingCache
{
    private const int Magic = 0x45425441; // "ATBE"

    // Part of every file's key: bumped whenever the encoder's output for a text changes, so older files are not
    // read as current. 2: the console stopped running with invariant globalization, so accents are now stripped.
    private const int KeyVersion = 2;

    public static float[][] GetOrCompute(string? directory, SentenceEncoder encoder, IReadOnlyList<string> texts, CancellationToken cancellationToken)
    {
        if (directory is null)
        {
            return encoder.EncodeBatch(texts, cancellationToken);
        }

        string path = Path.Combine(directory, $"{SemanticThemeClassifier.EncoderName}-{Key(texts)}.bin");
        if (TryRead(path, texts.Count) is { } cached)
        {
            return cached;
        }

        var embeddings = encoder.EncodeBatch(texts, cancellationToken);
        Directory.CreateDirectory(directory);
        AtomicFile.Write(path, stream =>
        {
            using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
            writer.Write(Magic);
            writer.Write(embeddings.Length);
            writer.Write(SentenceEncoder.Dimensions);
            foreach (var embedding in embeddings)
            {
                foreach (float value in embedding)
                {
                    writer.Write(value);
                }
            }
        }, overwrite: true);
        return embeddings;
    }

    private static float[][]? TryRead(string path, int count)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        using var reader = new BinaryReader(File.OpenRead(path));
        if (reader.BaseStream.Length != 12 + ((long)count * SentenceEncoder.Dimensions * sizeof(float))
            || reader.ReadInt32() != Magic || reader.ReadInt32() != count || reader.ReadInt32() != SentenceEncoder.Dimensions)
        {
            return null;
        }

        var embeddings = new float[count][];
        for (int i = 0; i < count; i++)
        {
            embeddings[i] = new float[SentenceEncoder.Dimensions];
            for (int k = 0; k < embeddings[i].Length; k++)
            {
                embeddings[i][k] = reader.ReadSingle();
            }
        }

        return embeddings;
    }

    private static string Key(IReadOnlyList<string> texts)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes(SemanticThemeClassifier.EncoderName));
        hash.AppendData(BitConverter.GetBytes(KeyVersion));
        foreach (string text in texts)
        {
            hash.AppendData(BitConverter.GetBytes(text.Length));
            hash.AppendData(Encoding.UTF8.GetBytes(text));
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset())[..24];
    }
}
