using System.Text.Json.Serialization;

namespace ArticleThemes.Model;

/// <summary>The JSON document <c>manifest.json</c> at the root of a model file.</summary>
internal sealed class ModelManifest
{
    public const string FormatName = "article-themes-model";

    /// <summary>
    /// Bumped whenever a reader of the previous version could misread the file. Version 2 added the lexicon
    /// (<see cref="ManifestFeaturizer.Lexicon"/>); a model without one is still written as version 1. Version 3 added
    /// word vectors (<see cref="ManifestFeaturizer.WordVectors"/>); a model without them is written as before. Version 4
    /// added the accurate tier's neighbour index (<see cref="ManifestEncoder.Neighbours"/>): its heads read more
    /// features than an older reader would give them. Version 5 added the word vectors' prior weight
    /// (<see cref="ManifestWordVectors.PriorWeight"/>), which an older reader would ignore and so misread every score.
    /// </summary>
    public const int CurrentFormatVersion = 5;

    /// <summary>The version of a fast-tier model with word vectors.</summary>
    public const int WordVectorsFormatVersion = 3;

    /// <summary>The version of an accurate-tier model with a neighbour index.</summary>
    public const int NeighboursFormatVersion = 4;

    /// <summary>The version of a fast-tier model whose word vectors have a prior weight above 0.</summary>
    public const int WordPriorFormatVersion = 5;

    public string Format { get; set; } = FormatName;

    public int FormatVersion { get; set; } = CurrentFormatVersion;

    /// <summary><see cref="ModelTiers.Fast"/> or <see cref="ModelTiers.Accurate"/>; absent in models older than the accurate tier (fast).</summary>
    public string Tier { get; set; } = ModelTiers.Fast;

    /// <summary>The accurate tier's sentence encoder and its output size; absent for the fast tier.</summary>
    public ManifestEncoder? Encoder { get; set; }

    public List<ManifestTheme> Themes { get; set; } = [];

    public ManifestFeaturizer Featurizer { get; set; } = new();

    public string Trainer { get; set; } = string.Empty;

    public Dictionary<string, string> TrainerSettings { get; set; } = [];

    public string MLNetVersion { get; set; } = string.Empty;

    public DateTimeOffset TrainedAt { get; set; }

    public double TrainingSeconds { get; set; }

    public int Seed { get; set; }

    public string CorpusFingerprint { get; set; } = string.Empty;

    public int TrainingDocuments { get; set; }

    public ManifestMetrics? TestMetrics { get; set; }

    /// <summary>
    /// The entry listing, as little-endian 32-bit integers, the featurizer slot of each feature the ML.NET heads
    /// read; absent when the heads read the whole featurizer vector.
    /// </summary>
    public string? HeadInputSlots { get; set; }

    /// <summary>
    /// SHA-256 of the entries, by entry name (<c>sha256:</c> and the hex digest), checked when they are read. Written
    /// since format 2; a format-1 model has none.
    /// </summary>
    public Dictionary<string, string>? Checksums { get; set; }
}

internal sealed class ManifestEncoder
{
    /// <summary>The encoder, e.g. <c>all-MiniLM-L6-v2</c>.</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>The length of its embeddings, which come first in the heads' input, before the lexicon groups.</summary>
    public int Dimensions { get; set; }

    /// <summary>The training split's embeddings and themes, whose neighbour margins the heads read last; absent in older models.</summary>
    public ManifestNeighbours? Neighbours { get; set; }
}

internal sealed class ManifestNeighbours
{
    /// <summary>The entry holding the index (header, theme masks, half-precision vectors).</summary>
    public string Entry { get; set; } = string.Empty;

    /// <summary>How many training documents it holds.</summary>
    public int Documents { get; set; }

    /// <summary>How many neighbours of each side a margin averages.</summary>
    public int K { get; set; }

    /// <summary>The factor each margin is multiplied by in the heads' input.</summary>
    public float Scale { get; set; }
}

internal sealed class ManifestTheme
{
    public string Name { get; set; } = string.Empty;

    public float Threshold { get; set; }

    /// <summary>The head's ML.NET model, an entry of the model file.</summary>
    public string Head { get; set; } = string.Empty;
}

internal sealed class ManifestFeaturizer
{
    public int HashBits { get; set; }

    public bool WordPairs { get; set; }

    public int CharacterChunkLength { get; set; }

    public int MaxCharacters { get; set; }

    /// <summary>The entry holding the theme lexicon in its text format; absent when the model has no lexicon features.</summary>
    public string? Lexicon { get; set; }

    /// <summary>The word vectors whose weighted mean the heads read after the featurizer's features; absent when they read none.</summary>
    public ManifestWordVectors? WordVectors { get; set; }
}

internal sealed class ManifestWordVectors
{
    /// <summary>Where the vectors come from, e.g. <c>all-MiniLM-L6-v2</c> (each word encoded alone, and in <see cref="Context"/> when set).</summary>
    public string Source { get; set; } = string.Empty;

    /// <summary>The length of a vector: the size of the block after the featurizer's features.</summary>
    public int Dimensions { get; set; }

    /// <summary>Number of words in the vocabulary.</summary>
    public int Words { get; set; }

    /// <summary>
    /// The entry listing the vocabulary, one <c>word TAB weight</c> per line in the order of the scorer's word table;
    /// serving does not read it (the table keys words by hash), but it tells what the model knows and lets training
    /// tools rebuild the vectors.
    /// </summary>
    public string Vocabulary { get; set; } = string.Empty;

    /// <summary>
    /// Where the words were also read in context (<see cref="TrainingSplitContext"/>), or null when every word was
    /// encoded on its own. Serving does not read it; training tools that rebuild the vectors need those texts.
    /// </summary>
    public string? Context { get; set; }

    /// <summary>
    /// The weight of the zero vector added to a text's words in their weighted mean (see <c>WordScores</c>); 0, as in
    /// models written before it existed, reads the plain weighted mean. Above 0 only in format version 5 and later.
    /// </summary>
    public double PriorWeight { get; set; }

    /// <summary>The <see cref="Context"/> of vectors whose words were also read in the training split's texts.</summary>
    public const string TrainingSplitContext = "training split";
}

internal sealed class ManifestMetrics
{
    public int Documents { get; set; }

    public int ExactMatches { get; set; }

    public int NoThemeDocuments { get; set; }

    public int FalseAlarms { get; set; }

    public List<ManifestThemeMetrics> Themes { get; set; } = [];
}

internal sealed class ManifestThemeMetrics
{
    public string Theme { get; set; } = string.Empty;

    public int Support { get; set; }

    public int TruePositives { get; set; }

    public int FalsePositives { get; set; }

    public int FalseNegatives { get; set; }

    public double ExpectedCalibrationError { get; set; }
}

[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(ModelManifest))]
internal sealed partial class ManifestJsonContext : JsonSerializerContext;
