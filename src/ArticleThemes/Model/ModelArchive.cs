using System.IO.Compression;
using System.Text.Json;
using ArticleThemes.Featurization;
using ArticleThemes.Lexicon;
using ArticleThemes.Scoring;

namespace ArticleThemes.Model;

/// <summary>
/// The model file: a zip archive with <c>manifest.json</c> (themes, thresholds, featurizer, <see cref="ModelInfo"/>),
/// one ML.NET model per theme head under <c>heads/</c> (the source of truth, as ML.NET trained and saved it), and
/// <c>scorer.bin</c>, the heads compiled for the hot path from those ML.NET models. Serving reads only the manifest
/// and <c>scorer.bin</c>, so this assembly needs no ML.NET; writing and reading the ML.NET heads lives in
/// <c>ArticleThemes.Training</c> (<c>ModelWriter</c>).
/// </summary>
internal static class ModelArchive
{
    public const string ManifestEntry = "manifest.json";
    public const string ScorerEntry = "scorer.bin";
    public const string HeadInputSlotsEntry = "heads/input-slots.bin";
    public const string LexiconEntry = "lexicon.tsv";

    /// <summary>A model read for serving.</summary>
    internal sealed record Contents(ModelManifest Manifest, ModelInfo Info, ThemeSet Themes, CompiledScorer Scorer);

    /// <summary>Reads a model for serving. Every failure becomes a <see cref="ThemeModelException"/> naming <paramref name="sourceName"/>.</summary>
    public static Contents Read(Stream source, string sourceName)
    {
        return Guard(source, sourceName, zip =>
        {
            var manifest = ReadManifest(zip, sourceName);
            var featurizer = ReadFeaturizer(zip, manifest, sourceName);
            var scorerEntry = zip.GetEntry(ScorerEntry)
                ?? throw new ThemeModelException(sourceName, $"the model has no '{ScorerEntry}' entry; it is damaged or was not written by ArticleThemes.");
            CompiledHead[] heads;
            using (var stream = scorerEntry.Open())
            {
                heads = ScorerSerializer.Read(stream, featurizer.FeatureCount);
            }

            if (heads.Length != manifest.Themes.Count)
            {
                throw new ThemeModelException(sourceName, $"the manifest lists {manifest.Themes.Count} themes but {ScorerEntry} has {heads.Length} heads.");
            }

            var themes = new ThemeSet(manifest.Themes.Select(t => t.Name).ToArray(), manifest.Themes.Select(t => t.Threshold).ToArray());
            return new Contents(manifest, ToInfo(manifest), themes, new CompiledScorer(featurizer, heads));
        });
    }

    internal static T Guard<T>(Stream source, string sourceName, Func<ZipArchive, T> read)
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

    internal static ModelManifest ReadManifest(ZipArchive zip, string sourceName)
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

    /// <summary>The featurizer the model was trained with, with its lexicon when it has one.</summary>
    internal static TextFeaturizer ReadFeaturizer(ZipArchive zip, ModelManifest manifest, string sourceName)
    {
        ThemeLexicon? lexicon = null;
        if (manifest.Featurizer.Lexicon is { } lexiconEntry)
        {
            var entry = zip.GetEntry(lexiconEntry)
                ?? throw new ThemeModelException(sourceName, $"the manifest names a lexicon '{lexiconEntry}' that the model file does not hold; it is damaged.");
            try
            {
                using var stream = entry.Open();
                lexicon = ThemeLexicon.Load(stream);
            }
            catch (FormatException ex)
            {
                throw new ThemeModelException(sourceName, $"the model's lexicon is unreadable: {ex.Message}", ex);
            }
        }

        return new TextFeaturizer(ToOptions(manifest.Featurizer), lexicon);
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
