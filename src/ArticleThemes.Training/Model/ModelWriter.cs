using System.IO.Compression;
using System.Text.Json;
using ArticleThemes.Featurization;
using ArticleThemes.Scoring;
using ArticleThemes.Training;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace ArticleThemes.Model;

/// <summary>
/// The ML.NET side of the model file (see <see cref="ModelArchive"/>): writes a whole model, and reads back the
/// ML.NET heads that the compiled scorer was made from. Kept out of the runtime assembly, which serves from
/// <c>scorer.bin</c> alone and so carries no ML.NET dependency.
/// </summary>
internal static class ModelWriter
{
    /// <summary>
    /// Writes the model file. Every entry after the manifest is made in memory first, so that the manifest can
    /// carry its SHA-256 (<see cref="ModelManifest.Checksums"/>), which readers check.
    /// </summary>
    public static void Write(
        Stream destination, ModelManifest manifest, IReadOnlyList<byte[]> mlNetHeads, int[]? headInputSlots, TextFeaturizer featurizer, int inputSize,
        IReadOnlyList<CompiledHead> heads, WordScores? wordScores = null, byte[]? wordVocabulary = null, byte[]? neighbours = null)
    {
        var entries = new List<(string Name, byte[] Bytes, CompressionLevel Level)>();
        for (int i = 0; i < mlNetHeads.Count; i++)
        {
            entries.Add((manifest.Themes[i].Head, mlNetHeads[i], CompressionLevel.NoCompression));
        }

        if (headInputSlots is not null)
        {
            using var buffer = new MemoryStream();
            using (var writer = new BinaryWriter(buffer, System.Text.Encoding.UTF8, leaveOpen: true))
            {
                foreach (int slot in headInputSlots)
                {
                    writer.Write(slot);
                }
            }

            entries.Add((manifest.HeadInputSlots ?? ModelArchive.HeadInputSlotsEntry, buffer.ToArray(), CompressionLevel.Optimal));
        }

        if (featurizer.Lexicon is { } lexicon)
        {
            entries.Add((manifest.Featurizer.Lexicon ?? ModelArchive.LexiconEntry, new System.Text.UTF8Encoding(false).GetBytes(lexicon.Text), CompressionLevel.Optimal));
        }

        if (wordVocabulary is not null)
        {
            entries.Add((manifest.Featurizer.WordVectors?.Vocabulary ?? ModelArchive.WordVocabularyEntry, wordVocabulary, CompressionLevel.Optimal));
        }

        if (neighbours is not null)
        {
            // Half-precision floats barely compress; storing them saves the time of trying.
            entries.Add((manifest.Encoder?.Neighbours?.Entry ?? ModelArchive.NeighboursEntry, neighbours, CompressionLevel.NoCompression));
        }

        using (var buffer = new MemoryStream())
        {
            ScorerSerializer.Write(buffer, inputSize, heads, wordScores);
            entries.Add((ModelArchive.ScorerEntry, buffer.ToArray(), CompressionLevel.Optimal));
        }

        manifest.Checksums = entries.ToDictionary(e => e.Name, e => ModelArchive.Checksum(e.Bytes), StringComparer.Ordinal);
        using var zip = new ZipArchive(destination, ZipArchiveMode.Create, leaveOpen: true);
        using (var stream = zip.CreateEntry(ModelArchive.ManifestEntry, CompressionLevel.Optimal).Open())
        {
            JsonSerializer.Serialize(stream, manifest, ManifestJsonContext.Default.ModelManifest);
        }

        foreach (var (name, bytes, level) in entries)
        {
            using var stream = zip.CreateEntry(name, level).Open();
            stream.Write(bytes);
        }
    }

    /// <summary>
    /// The ML.NET heads in theme order, the featurizer slot of each feature they read (null: all slots), and the word
    /// vectors whose mean they read after the featurizer's features (null: none).
    /// </summary>
    internal sealed record MLNetHeads(IReadOnlyList<ITransformer> Heads, int[]? InputSlots, TextFeaturizer Featurizer, WordVectors? Words)
    {
        private readonly SlotSelection? _selection = InputSlots is null ? null : new SlotSelection(Featurizer.FeatureCount, InputSlots);

        /// <summary>Number of features the heads read.</summary>
        public int InputSize => InputSlots?.Length ?? (Featurizer.FeatureCount + (Words is null ? 0 : WordVectors.Dimensions));

        /// <summary>A text's features as the heads read them.</summary>
        public VBuffer<float> Input(string text)
        {
            var vector = ThemeTrainer.ToVector(Featurizer, text);
            return _selection is not null ? _selection.Project(vector)
                : Words is not null ? Words.Extend(vector, text)
                : vector;
        }
    }

    /// <summary>
    /// Reads the ML.NET heads, in theme order. Used to check the compiled scorer against ML.NET itself. A model whose
    /// word vectors were also read in context needs the texts of its training split, <paramref name="trainingTexts"/>,
    /// to rebuild them. The words' encodings alone are read from and written to <paramref name="embeddingCache"/>
    /// when one is given, as in training.
    /// </summary>
    /// <exception cref="ArgumentException">The model's word vectors need the training texts and none were given.</exception>
    public static MLNetHeads ReadMLNetHeads(Stream source, string sourceName, MLContext mlContext, IReadOnlyList<string>? trainingTexts = null, string? embeddingCache = null)
    {
        var (heads, slots, featurizer, wordVectors, vocabulary) = ModelArchive.Guard(source, sourceName, zip =>
        {
            var manifest = ModelArchive.ReadManifest(zip, sourceName);
            var heads = new List<ITransformer>();
            foreach (var theme in manifest.Themes)
            {
                using var buffer = new MemoryStream(ModelArchive.ReadEntry(zip, manifest, theme.Head, ModelArchive.MaxEntryBytes, sourceName), writable: false);
                heads.Add(mlContext.Model.Load(buffer, out _));
            }

            int[]? slots = null;
            if (manifest.HeadInputSlots is { } slotsEntry)
            {
                byte[] bytes = ModelArchive.ReadEntry(zip, manifest, slotsEntry, ModelArchive.MaxEntryBytes, sourceName);
                // Read as written: little-endian 32-bit integers through BinaryReader, whatever the machine's byte order.
                using var reader = new BinaryReader(new MemoryStream(bytes, writable: false));
                slots = new int[bytes.Length / sizeof(int)];
                for (int k = 0; k < slots.Length; k++)
                {
                    slots[k] = reader.ReadInt32();
                }
            }

            var wordVectors = manifest.Featurizer.WordVectors;
            byte[]? vocabulary = wordVectors is null ? null : ModelArchive.ReadEntry(zip, manifest, wordVectors.Vocabulary, ModelArchive.MaxEntryBytes, sourceName);
            return (heads, slots, ModelArchive.ReadFeaturizer(zip, manifest, sourceName), wordVectors, vocabulary);
        });

        // Outside the archive's guard: a missing argument or the encoder's own failure is not a damaged file.
        WordVectors? words = null;
        if (wordVectors is not null && vocabulary is not null)
        {
            if (wordVectors.Context is not null && trainingTexts is null)
            {
                throw new ArgumentException($"{sourceName}: its word vectors were also read in the {wordVectors.Context}; pass that split's texts to rebuild them.", nameof(trainingTexts));
            }

            words = WordVectors.FromVocabulary(vocabulary, wordVectors.Context is null ? null : trainingTexts, embeddingCache, CancellationToken.None).WithPriorWeight(wordVectors.PriorWeight);
        }

        return new MLNetHeads(heads, slots, featurizer, words);
    }
}
