using System.IO.Compression;
using System.Text.Json;
using ArticleThemes.Featurization;
using ArticleThemes.Scoring;
using Microsoft.ML;

namespace ArticleThemes.Model;

/// <summary>
/// The ML.NET side of the model file (see <see cref="ModelArchive"/>): writes a whole model, and reads back the
/// ML.NET heads that the compiled scorer was made from. Kept out of the runtime assembly, which serves from
/// <c>scorer.bin</c> alone and so carries no ML.NET dependency.
/// </summary>
internal static class ModelWriter
{
    public static void Write(Stream destination, ModelManifest manifest, IReadOnlyList<byte[]> mlNetHeads, int[]? headInputSlots, CompiledScorer scorer)
    {
        using var zip = new ZipArchive(destination, ZipArchiveMode.Create, leaveOpen: true);
        var manifestEntry = zip.CreateEntry(ModelArchive.ManifestEntry, CompressionLevel.Optimal);
        using (var stream = manifestEntry.Open())
        {
            JsonSerializer.Serialize(stream, manifest, ManifestJsonContext.Default.ModelManifest);
        }

        for (int i = 0; i < mlNetHeads.Count; i++)
        {
            var entry = zip.CreateEntry(manifest.Themes[i].Head, CompressionLevel.NoCompression);
            using var stream = entry.Open();
            stream.Write(mlNetHeads[i]);
        }

        if (headInputSlots is not null)
        {
            using var stream = zip.CreateEntry(manifest.HeadInputSlots ?? ModelArchive.HeadInputSlotsEntry, CompressionLevel.Optimal).Open();
            using var writer = new BinaryWriter(stream);
            foreach (int slot in headInputSlots)
            {
                writer.Write(slot);
            }
        }

        if (scorer.Featurizer.Lexicon is { } lexicon)
        {
            using var writer = new StreamWriter(zip.CreateEntry(manifest.Featurizer.Lexicon ?? ModelArchive.LexiconEntry, CompressionLevel.Optimal).Open(), new System.Text.UTF8Encoding(false));
            writer.Write(lexicon.Text);
        }

        var scorerEntry = zip.CreateEntry(ModelArchive.ScorerEntry, CompressionLevel.Optimal);
        using (var stream = scorerEntry.Open())
        {
            ScorerSerializer.Write(stream, scorer.Featurizer.FeatureCount, scorer.Heads);
        }
    }

    /// <summary>The ML.NET heads in theme order, and the featurizer slot of each feature they read (null: all slots).</summary>
    internal sealed record MLNetHeads(IReadOnlyList<ITransformer> Heads, int[]? InputSlots, TextFeaturizer Featurizer);

    /// <summary>Reads the ML.NET heads, in theme order. Used to check the compiled scorer against ML.NET itself.</summary>
    public static MLNetHeads ReadMLNetHeads(Stream source, string sourceName, MLContext mlContext)
    {
        return ModelArchive.Guard(source, sourceName, zip =>
        {
            var manifest = ModelArchive.ReadManifest(zip, sourceName);
            var heads = new List<ITransformer>();
            foreach (var theme in manifest.Themes)
            {
                var entry = zip.GetEntry(theme.Head)
                    ?? throw new ThemeModelException(sourceName, $"the model has no '{theme.Head}' entry for theme '{theme.Name}'.");
                using var buffer = new MemoryStream();
                using (var stream = entry.Open())
                {
                    stream.CopyTo(buffer);
                }

                buffer.Position = 0;
                heads.Add(mlContext.Model.Load(buffer, out _));
            }

            int[]? slots = null;
            if (manifest.HeadInputSlots is { } slotsEntry)
            {
                var entry = zip.GetEntry(slotsEntry) ?? throw new ThemeModelException(sourceName, $"the model has no '{slotsEntry}' entry.");
                // Read as written: little-endian 32-bit integers through BinaryReader, whatever the machine's byte order.
                using var reader = new BinaryReader(entry.Open());
                slots = new int[entry.Length / sizeof(int)];
                for (int k = 0; k < slots.Length; k++)
                {
                    slots[k] = reader.ReadInt32();
                }
            }

            return new MLNetHeads(heads, slots, ModelArchive.ReadFeaturizer(zip, manifest, sourceName));
        });
    }
}
