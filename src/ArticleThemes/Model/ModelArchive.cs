using System.IO.Compression;
using System.Text.Json;
using ArticleThemes.Featurization;
using ArticleThemes.Scoring;
using Microsoft.ML;

namespace ArticleThemes.Model;

/// <summary>
/// The model file: a zip archive with <c>manifest.json</c> (themes, thresholds, featurizer, <see cref="ModelInfo"/>),
/// one ML.NET model per theme head under <c>heads/</c> (the source of truth, as ML.NET trained and saved it), and
/// <c>scorer.bin</c>, the heads compiled for the hot path from those ML.NET models.
/// </summary>
internal static class ModelArchive
{
    public const string ManifestEntry = "manifest.json";
    public const string ScorerEntry = "scorer.bin";
    public const string HeadInputSlotsEntry = "heads/input-slots.bin";

    /// <summary>A model read for serving.</summary>
    internal sealed record Contents(ModelManifest Manifest, ModelInfo Info, ThemeSet Themes, CompiledScorer Scorer);

    public static void Write(Stream destination, ModelManifest manifest, IReadOnlyList<byte[]> mlNetHeads, int[]? headInputSlots, CompiledScorer scorer)
    {
        using var zip = new ZipArchive(destination, ZipArchiveMode.Create, leaveOpen: true);
        var manifestEntry = zip.CreateEntry(ManifestEntry, CompressionLevel.Optimal);
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
            using var stream = zip.CreateEntry(manifest.HeadInputSlots ?? HeadInputSlotsEntry, CompressionLevel.Optimal).Open();
            using var writer = new BinaryWriter(stream);
            foreach (int slot in headInputSlots)
            {
                writer.Write(slot);
            }
        }

        var scorerEntry = zip.CreateEntry(ScorerEntry, CompressionLevel.Optimal);
        using (var stream = scorerEntry.Open())
        {
            ScorerSerializer.Write(stream, scorer.Featurizer.Dimension, scorer.Heads);
        }
    }

    /// <summary>Reads a model for serving. Every failure becomes a <see cref="ThemeModelException"/> naming <paramref name="sourceName"/>.</summary>
    public static Contents Read(Stream source, string sourceName)
    {
        return Guard(source, sourceName, zip =>
        {
            var manifest = ReadManifest(zip, sourceName);
            var featurizer = new TextFeaturizer(ToOptions(manifest.Featurizer));
            var scorerEntry = zip.GetEntry(ScorerEntry)
                ?? throw new ThemeModelException(sourceName, $"the model has no '{ScorerEntry}' entry; it is damaged or was not written by ArticleThemes.");
            CompiledHead[] heads;
            using (var stream = scorerEntry.Open())
            {
                heads = ScorerSerializer.Read(stream, featurizer.Dimension);
            }

            if (heads.Length != manifest.Themes.Count)
            {
                throw new ThemeModelException(sourceName, $"the manifest lists {manifest.Themes.Count} themes but {ScorerEntry} has {heads.Length} heads.");
            }

            var themes = new ThemeSet(manifest.Themes.Select(t => t.Name).ToArray(), manifest.Themes.Select(t => t.Threshold).ToArray());
            return new Contents(manifest, ToInfo(manifest), themes, new CompiledScorer(featurizer, heads));
        });
    }

    /// <summary>The ML.NET heads in theme order, and the featurizer slot of each feature they read (null: all slots).</summary>
    internal sealed record MLNetHeads(IReadOnlyList<ITransformer> Heads, int[]? InputSlots, FeaturizerOptions Featurizer);

    /// <summary>Reads the ML.NET heads, in theme order. Used to check the compiled scorer against ML.NET itself.</summary>
    public static MLNetHeads ReadMLNetHeads(Stream source, string sourceName, MLContext mlContext)
    {
        return Guard(source, sourceName, zip =>
        {
            var manifest = ReadManifest(zip, sourceName);
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

            return new MLNetHeads(heads, slots, ToOptions(manifest.Featurizer));
        });
    }

    private static T Guard<T>(Stream source, string sourceName, Func<ZipArchive, T> read)
    {
        ArgumentNullException.ThrowIfNull(source);
        try
        {
            if (source.CanSeek && source.Length - source.Position == 0)
            {
                throw new ThemeModelException(sourceName, "the model file is empty.");
            }

            using var zip = new ZipArchive(source, ZipArchiveMode.Read, leaveOpen: true);
            return read(zip);
        }
        catch (ThemeModelException)
        {
            throw;
        }
        catch (Exception ex) when (ex is InvalidDataException or EndOfStreamException or IOException or JsonException or FormatException or ArgumentException or NotSupportedException or InvalidOperationException)
        {
            throw new ThemeModelException(sourceName, $"the model file is truncated or corrupt ({ex.Message}). Retrain it with 'article-themes train' or restore it from a good copy.", ex);
        }
    }

    private static ModelManifest ReadManifest(ZipArchive zip, string sourceName)
    {
        var entry = zip.GetEntry(ManifestEntry);
        if (entry is null)
        {
            bool looksLikeMLNet = zip.Entries.Any(e => e.FullName.StartsWith("TransformerChain", StringComparison.Ordinal) || e.FullName.StartsWith("Model/", StringComparison.Ordinal) || e.FullName.StartsWith("Model\\", StringComparison.Ordinal));
            throw new ThemeModelException(sourceName, looksLikeMLNet
                ? "this is a plain ML.NET model, not an ArticleThemes model (no manifest.json). Train one with 'article-themes train'."
                : "this zip is not an ArticleThemes model (no manifest.json).");
        }

        ModelManifest? manifest;
        using (var stream = entry.Open())
        {
            manifest = JsonSerializer.Deserialize(stream, ManifestJsonContext.Default.ModelManifest);
        }

        if (manifest is null || manifest.Format != ModelManifest.FormatName)
        {
            throw new ThemeModelException(sourceName, $"manifest.json does not describe an ArticleThemes model (format '{manifest?.Format}').");
        }

        if (manifest.FormatVersion > ModelManifest.CurrentFormatVersion)
        {
            throw new ThemeModelException(sourceName, $"the model was written in format version {manifest.FormatVersion}, newer than this library reads ({ModelManifest.CurrentFormatVersion}). Update the ArticleThemes package.");
        }

        if (manifest.FormatVersion < 1 || manifest.Themes.Count == 0 || manifest.Themes.Count > ThemeSet.MaxThemes)
        {
            throw new ThemeModelException(sourceName, $"manifest.json is inconsistent (format version {manifest.FormatVersion}, {manifest.Themes.Count} themes).");
        }

        foreach (var theme in manifest.Themes)
        {
            if (string.IsNullOrEmpty(theme.Name) || !(theme.Threshold is >= 0 and <= 1))
            {
                throw new ThemeModelException(sourceName, $"manifest.json has a theme with no name or a threshold outside [0, 1] ('{theme.Name}', {theme.Threshold}).");
            }
        }

        return manifest;
    }

    internal static FeaturizerOptions ToOptions(ManifestFeaturizer f) => new()
    {
        HashBits = f.HashBits,
        WordPairs = f.WordPairs,
        CharacterChunkLength = f.CharacterChunkLength,
        MaxCharacters = f.MaxCharacters,
    };

    internal static ManifestFeaturizer FromOptions(FeaturizerOptions o) => new()
    {
        HashBits = o.HashBits,
        WordPairs = o.WordPairs,
        CharacterChunkLength = o.CharacterChunkLength,
        MaxCharacters = o.MaxCharacters,
    };

    internal static ModelMetrics ToMetrics(ManifestMetrics m) => new(
        m.Themes.Select(t => new ThemeMetrics(t.Theme, t.Support, t.TruePositives, t.FalsePositives, t.FalseNegatives, t.ExpectedCalibrationError)).ToArray(),
        m.Documents,
        m.ExactMatches,
        m.NoThemeDocuments,
        m.FalseAlarms);

    internal static ManifestMetrics FromMetrics(ModelMetrics m) => new()
    {
        Documents = m.Documents,
        ExactMatches = m.ExactMatches,
        NoThemeDocuments = m.NoThemeDocuments,
        FalseAlarms = m.FalseAlarms,
        Themes = m.Themes.Select(t => new ManifestThemeMetrics
        {
            Theme = t.Theme,
            Support = t.Support,
            TruePositives = t.TruePositives,
            FalsePositives = t.FalsePositives,
            FalseNegatives = t.FalseNegatives,
            ExpectedCalibrationError = t.ExpectedCalibrationError,
        }).ToList(),
    };

    private static ModelInfo ToInfo(ModelManifest m) => new(
        m.Themes.Select(t => t.Name).ToArray(),
        m.Themes.Select(t => t.Threshold).ToArray(),
        m.Trainer,
        new Dictionary<string, string>(m.TrainerSettings, StringComparer.Ordinal),
        ToOptions(m.Featurizer),
        m.MLNetVersion,
        m.TrainedAt,
        TimeSpan.FromSeconds(m.TrainingSeconds),
        m.Seed,
        m.CorpusFingerprint,
        m.TrainingDocuments,
        m.TestMetrics is null ? null : ToMetrics(m.TestMetrics));
}
