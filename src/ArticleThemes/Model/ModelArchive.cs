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

    /// <summary>The largest model <see cref="ThemeClassifier.Load(Stream)"/> copies from a forward-only stream.</summary>
    public const long MaxModelBytes = 512L * 1024 * 1024;

    /// <summary>The largest <c>manifest.json</c> read: real manifests are a few kilobytes.</summary>
    public const int MaxManifestBytes = 1024 * 1024;

    /// <summary>The largest lexicon entry read.</summary>
    public const int MaxLexiconBytes = 16 * 1024 * 1024;

    /// <summary>The largest compiled scorer, ML.NET head or slot list read.</summary>
    public const int MaxEntryBytes = 512 * 1024 * 1024;

    /// <summary>A model read for serving.</summary>
    internal sealed record Contents(ModelManifest Manifest, ModelInfo Info, ThemeSet Themes, CompiledScorer Scorer);

    /// <summary>The entry a new model lists its word-vector vocabulary in.</summary>
    public const string WordVocabularyEntry = "word-vectors.tsv";

    /// <summary>The entry an accurate-tier model keeps its neighbour index in.</summary>
    public const string NeighboursEntry = "neighbours.bin";

    /// <summary>Reads a fast-tier model for serving. Every failure becomes a <see cref="ThemeModelException"/> naming <paramref name="sourceName"/>.</summary>
    public static Contents Read(Stream source, string sourceName)
    {
        var model = ReadAnyTier(source, sourceName);
        if (model.Manifest.Tier != ModelTiers.Fast)
        {
            throw new ThemeModelException(sourceName, $"this is a model of the '{model.Manifest.Tier}' tier; load it with SemanticThemeClassifier from the ArticleThemes.Semantic package.");
        }

        return new Contents(model.Manifest, model.Info, model.Themes, new CompiledScorer(model.Featurizer, model.Heads, model.Words));
    }

    /// <summary>Opens a model file for reading; a file that cannot be opened is a <see cref="ThemeModelException"/> naming it and why.</summary>
    public static FileStream OpenFile(string path)
    {
        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            string reason = ex switch
            {
                FileNotFoundException or DirectoryNotFoundException => "the model file does not exist.",
                UnauthorizedAccessException => "the model file cannot be read (permission denied).",
                _ => $"the model file cannot be opened ({ex.Message}).",
            };
            throw new ThemeModelException(path, reason, ex);
        }
    }

    /// <summary>The tier of a model file, from its manifest alone (checked as a whole).</summary>
    public static string ReadTier(Stream source, string sourceName) => Guard(source, sourceName, zip => ReadManifest(zip, sourceName).Tier);

    /// <summary>A model of any tier as read: its heads read <see cref="AnyTier.InputSize"/> features (the fast tier's featurizer features, or the accurate tier's embedding then lexicon groups).</summary>
    /// <remarks><see cref="AnyTier.Neighbours"/> is the accurate tier's neighbour index entry as stored (checksum checked), for that package to read.</remarks>
    internal sealed record AnyTier(ModelManifest Manifest, ModelInfo Info, ThemeSet Themes, TextFeaturizer Featurizer, CompiledHead[] Heads, int InputSize, WordScores? Words = null, byte[]? Neighbours = null);

    /// <summary>Reads a model of either tier; the caller checks that the tier is one it serves.</summary>
    public static AnyTier ReadAnyTier(Stream source, string sourceName)
    {
        return Guard(source, sourceName, zip =>
        {
            var manifest = ReadManifest(zip, sourceName);
            var featurizer = ReadFeaturizer(zip, manifest, sourceName);
            int wordDimensions = manifest.Featurizer.WordVectors?.Dimensions ?? 0;
            int inputSize = manifest.Encoder is { } encoder
                ? encoder.Dimensions + (featurizer.FeatureCount - featurizer.Dimension) + (encoder.Neighbours is null ? 0 : manifest.Themes.Count)
                : featurizer.FeatureCount + wordDimensions;
            CompiledHead[] heads;
            WordScores? words;
            using (var stream = new MemoryStream(ReadEntry(zip, manifest, ScorerEntry, MaxEntryBytes, sourceName), writable: false))
            {
                (heads, words) = ScorerSerializer.Read(stream, inputSize, wordDimensions, manifest.Featurizer.WordVectors?.PriorWeight ?? 0);
            }

            if (words is not null && words.Count != manifest.Featurizer.WordVectors!.Words)
            {
                throw new ThemeModelException(sourceName, $"the manifest lists {manifest.Featurizer.WordVectors.Words} word vectors but {ScorerEntry} has {words.Count}.");
            }

            if (heads.Length != manifest.Themes.Count)
            {
                throw new ThemeModelException(sourceName, $"the manifest lists {manifest.Themes.Count} themes but {ScorerEntry} has {heads.Length} heads.");
            }

            if (manifest.Tier == ModelTiers.Accurate && heads.Any(h => h.Linear is null))
            {
                throw new ThemeModelException(sourceName, "an accurate-tier model has only linear heads; this one has trees.");
            }

            var themes = new ThemeSet(manifest.Themes.Select(t => t.Name).ToArray(), manifest.Themes.Select(t => t.Threshold).ToArray());
            byte[]? neighbours = manifest.Encoder?.Neighbours is { } n ? ReadEntry(zip, manifest, n.Entry, MaxEntryBytes, sourceName) : null;
            return new AnyTier(manifest, ToInfo(manifest), themes, featurizer, heads, inputSize, words, neighbours);
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
        using (var stream = new MemoryStream(ReadCapped(entry, MaxManifestBytes, sourceName), writable: false))
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

        string? problem = ManifestValidator.Problem(manifest);
        if (problem is not null)
        {
            throw new ThemeModelException(sourceName, $"manifest.json is invalid: {problem} The file is damaged or was not written by ArticleThemes; restore it from a good copy or train it again.");
        }

        return manifest;
    }

    /// <summary>
    /// An entry's bytes, at most <paramref name="maxBytes"/> of them, checked against the manifest's SHA-256 when it
    /// lists one (every model of format 2 lists its serving entries), so a damaged file never loads as another model.
    /// </summary>
    internal static byte[] ReadEntry(ZipArchive zip, ModelManifest manifest, string name, int maxBytes, string sourceName)
    {
        var entry = zip.GetEntry(name)
            ?? throw new ThemeModelException(sourceName, $"the model has no '{name}' entry; it is damaged or was not written by ArticleThemes.");
        byte[] bytes = ReadCapped(entry, maxBytes, sourceName);
        if (manifest.Checksums is { } checksums && checksums.TryGetValue(name, out string? expected))
        {
            if (!string.Equals(Checksum(bytes), expected, StringComparison.Ordinal))
            {
                throw new ThemeModelException(sourceName, $"the entry '{name}' does not match its checksum in manifest.json: the file is damaged. Restore it from a good copy or train it again.");
            }
        }
        else if ((manifest.FormatVersion >= 2 && name is ScorerEntry or LexiconEntry) || name == manifest.Encoder?.Neighbours?.Entry)
        {
            throw new ThemeModelException(sourceName, $"manifest.json lists no checksum for '{name}'; a model of format {manifest.FormatVersion} always has one. The file is damaged.");
        }

        return bytes;
    }

    /// <summary>The checksum manifest.json keeps for an entry: <c>sha256:</c> and the hex digest.</summary>
    internal static string Checksum(ReadOnlySpan<byte> bytes) => "sha256:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes));

    private static byte[] ReadCapped(ZipArchiveEntry entry, int maxBytes, string sourceName)
    {
        // The declared length can lie; the copy below stops at the cap whatever the entry claims.
        if (entry.Length > maxBytes)
        {
            throw new ThemeModelException(sourceName, $"the entry '{entry.FullName}' is {entry.Length:N0} bytes, more than the {maxBytes:N0} a model entry may have; the file is not a model this library wrote.");
        }

        using var stream = entry.Open();
        using var copy = CopyCapped(stream, maxBytes, () => new ThemeModelException(sourceName, $"the entry '{entry.FullName}' holds more than the {maxBytes:N0} bytes a model entry may have; the file is not a model this library wrote."));
        return copy.ToArray();
    }

    /// <summary>
    /// Copies <paramref name="source"/> into memory, stopping with <paramref name="tooLarge"/> as soon as it holds
    /// more than <paramref name="maxBytes"/>: a hostile or endless stream costs at most that much.
    /// </summary>
    internal static MemoryStream CopyCapped(Stream source, long maxBytes, Func<ThemeModelException> tooLarge)
    {
        var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = source.Read(chunk, 0, chunk.Length)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                throw tooLarge();
            }

            buffer.Write(chunk, 0, read);
        }

        buffer.Position = 0;
        return buffer;
    }

    /// <summary>The featurizer the model was trained with, with its lexicon when it has one.</summary>
    internal static TextFeaturizer ReadFeaturizer(ZipArchive zip, ModelManifest manifest, string sourceName)
    {
        ThemeLexicon? lexicon = null;
        if (manifest.Featurizer.Lexicon is { } lexiconEntry)
        {
            byte[] bytes = ReadEntry(zip, manifest, lexiconEntry, MaxLexiconBytes, sourceName);
            try
            {
                using var stream = new MemoryStream(bytes, writable: false);
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

    internal static ModelInfo ToInfo(ModelManifest m) => new(
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
        m.TestMetrics is null ? null : ToMetrics(m.TestMetrics),
        m.Tier,
        m.Encoder?.Name);
}
