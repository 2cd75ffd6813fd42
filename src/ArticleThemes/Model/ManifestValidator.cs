using System.Globalization;
using ArticleThemes.Featurization;

namespace ArticleThemes.Model;

/// <summary>
/// Checks a deserialized <c>manifest.json</c> as a whole, once, before anything uses it: JSON can say
/// <c>null</c> or an absurd number wherever a value belongs, and a reader must turn that into a clear
/// <see cref="ThemeModelException"/>, never a NullReferenceException or an OverflowException later.
/// </summary>
internal static class ManifestValidator
{
    /// <summary>The longest training time a manifest may state (a year): anything longer is damage.</summary>
    private const double MaxTrainingSeconds = 365.0 * 24 * 3600;

    /// <summary>The largest prior weight of word vectors a manifest may state: far beyond any useful setting.</summary>
    private const double MaxWordPriorWeight = 1000;

    /// <summary>The first problem found, as a sentence; null when the manifest is sound.</summary>
    public static string? Problem(ModelManifest m)
    {
        var c = CultureInfo.InvariantCulture;
        if (m.FormatVersion < 1)
        {
            return string.Create(c, $"format version {m.FormatVersion} is not a version this library ever wrote.");
        }

        if (m.Themes is null || m.Themes.Count == 0 || m.Themes.Count > ThemeSet.MaxThemes)
        {
            return string.Create(c, $"it must list 1 to {ThemeSet.MaxThemes} themes; it lists {m.Themes?.Count ?? 0}.");
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var theme in m.Themes)
        {
            if (theme is null || string.IsNullOrEmpty(theme.Name) || theme.Head is null)
            {
                return "a theme entry is null or has no name.";
            }

            if (!names.Add(theme.Name))
            {
                return $"the theme '{theme.Name}' is listed twice.";
            }

            if (!(theme.Threshold is >= 0 and <= 1))
            {
                return string.Create(c, $"the theme '{theme.Name}' has threshold {theme.Threshold}, outside [0, 1].");
            }
        }

        if (m.Tier is not (ModelTiers.Fast or ModelTiers.Accurate))
        {
            return $"its tier '{m.Tier}' is neither '{ModelTiers.Fast}' nor '{ModelTiers.Accurate}'.";
        }

        if ((m.Tier == ModelTiers.Accurate) != (m.Encoder is not null) || m.Encoder is { } e && (string.IsNullOrEmpty(e.Name) || e.Dimensions is < 1 or > 65536))
        {
            return "an accurate-tier model needs an encoder with a name and a size, and a fast one has none.";
        }

        if (m.Encoder?.Neighbours is { } n && (string.IsNullOrEmpty(n.Entry) || n.Documents < 1 || n.K < 1 || !float.IsFinite(n.Scale) || n.Scale <= 0 || m.FormatVersion < ModelManifest.NeighboursFormatVersion))
        {
            return "its neighbour index needs an entry, at least one document, k >= 1, a positive scale and format version 4.";
        }

        if (m.Featurizer is null)
        {
            return "it has no featurizer settings.";
        }

        var f = m.Featurizer;
        if (f.HashBits is < FeaturizerOptions.MinHashBits or > FeaturizerOptions.MaxHashBits || f.CharacterChunkLength is < 0 or 1 or > 4 || f.MaxCharacters < 1)
        {
            return string.Create(c, $"its featurizer settings are out of range (hash bits {f.HashBits}, chunk length {f.CharacterChunkLength}, max characters {f.MaxCharacters}).");
        }

        if (f.WordVectors is { } v && (m.Tier != ModelTiers.Fast || string.IsNullOrEmpty(v.Source) || string.IsNullOrEmpty(v.Vocabulary) || v.Dimensions is < 1 or > 65536 || v.Words is < 1 or > ScorerSerializer.MaxWords))
        {
            return "its word vectors need a source, a vocabulary entry, 1 to 65,536 dimensions and at least one word, and only a fast-tier model has them.";
        }

        if (f.WordVectors is { } w && (!(w.PriorWeight >= 0 && double.IsFinite(w.PriorWeight) && w.PriorWeight <= MaxWordPriorWeight) || (w.PriorWeight > 0 && m.FormatVersion < ModelManifest.WordPriorFormatVersion)))
        {
            return string.Create(c, $"its word vectors' prior weight {w.PriorWeight} is out of range (0 to {MaxWordPriorWeight}, and above 0 only from format version {ModelManifest.WordPriorFormatVersion}).");
        }

        if (f.Lexicon is not null && f.Lexicon.Length == 0)
        {
            return "it names an empty lexicon entry.";
        }

        if (m.Trainer is null || m.MLNetVersion is null || m.CorpusFingerprint is null || m.TrainerSettings is null || m.TrainerSettings.Values.Any(v => v is null))
        {
            return "a required field (trainer, trainerSettings, mlNetVersion or corpusFingerprint) is null.";
        }

        if (!double.IsFinite(m.TrainingSeconds) || m.TrainingSeconds is < 0 or > MaxTrainingSeconds)
        {
            return string.Create(c, $"trainingSeconds is {m.TrainingSeconds}, not a training time.");
        }

        if (m.TrainingDocuments < 0)
        {
            return "trainingDocuments is negative.";
        }

        if (m.Checksums is { } checksums && checksums.Any(x => x.Value is null || !x.Value.StartsWith("sha256:", StringComparison.Ordinal)))
        {
            return "a checksum is not of the form 'sha256:<hex>'.";
        }

        if (m.TestMetrics is { } metrics)
        {
            if (metrics.Themes is null || metrics.Themes.Any(t => t is null || t.Theme is null))
            {
                return "testMetrics lists a null theme.";
            }

            if (metrics.Documents < 0 || metrics.ExactMatches < 0 || metrics.NoThemeDocuments < 0 || metrics.FalseAlarms < 0
                || metrics.Themes.Any(t => t.Support < 0 || t.TruePositives < 0 || t.FalsePositives < 0 || t.FalseNegatives < 0))
            {
                return "testMetrics has a negative count.";
            }
        }

        return null;
    }
}
