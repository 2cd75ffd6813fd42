using ArticleThemes.Featurization;

namespace ArticleThemes;

/// <summary>
/// What a model is and how it was made, stored inside the model file: its themes and thresholds, the trainer and
/// its settings, the versions, the training data's fingerprint and the metrics measured on the test split.
/// </summary>
public sealed class ModelInfo
{
    internal ModelInfo(
        IReadOnlyList<string> themes,
        IReadOnlyList<float> thresholds,
        string trainer,
        IReadOnlyDictionary<string, string> trainerSettings,
        FeaturizerOptions featurizer,
        string mlNetVersion,
        DateTimeOffset trainedAt,
        TimeSpan trainingDuration,
        int seed,
        string corpusFingerprint,
        int trainingDocuments,
        ModelMetrics? testMetrics,
        string tier = ModelTiers.Fast,
        string? encoder = null)
    {
        Tier = tier;
        Encoder = encoder;
        Themes = themes;
        Thresholds = thresholds;
        Trainer = trainer;
        TrainerSettings = trainerSettings;
        Featurizer = featurizer;
        MLNetVersion = mlNetVersion;
        TrainedAt = trainedAt;
        TrainingDuration = trainingDuration;
        Seed = seed;
        CorpusFingerprint = corpusFingerprint;
        TrainingDocuments = trainingDocuments;
        TestMetrics = testMetrics;
    }

    /// <summary>
    /// The tier: <c>fast</c> (hashed text features and the theme lexicon, served by <see cref="ThemeClassifier"/>) or
    /// <c>accurate</c> (sentence embeddings and the theme lexicon, served by the <c>ArticleThemes.Semantic</c> package).
    /// </summary>
    public string Tier { get; }

    /// <summary>The sentence encoder of an accurate-tier model (for example <c>all-MiniLM-L6-v2</c>); <see langword="null"/> for the fast tier.</summary>
    public string? Encoder { get; }

    /// <summary>The themes the model labels, in its order.</summary>
    public IReadOnlyList<string> Themes { get; }

    /// <summary>Each theme's decision threshold, in the order of <see cref="Themes"/>.</summary>
    public IReadOnlyList<float> Thresholds { get; }

    /// <summary>The trainer of the theme heads: <c>sdca</c>, <c>lbfgs</c> or <c>fasttree</c>.</summary>
    public string Trainer { get; }

    /// <summary>The trainer's settings, as name and value.</summary>
    public IReadOnlyDictionary<string, string> TrainerSettings { get; }

    /// <summary>The text features the model was trained on.</summary>
    public FeaturizerOptions Featurizer { get; }

    /// <summary>Version of ML.NET that trained the model.</summary>
    public string MLNetVersion { get; }

    /// <summary>When training finished.</summary>
    public DateTimeOffset TrainedAt { get; }

    /// <summary>How long training took, cross-validation included.</summary>
    public TimeSpan TrainingDuration { get; }

    /// <summary>The random seed of training.</summary>
    public int Seed { get; }

    /// <summary>
    /// SHA-256 of the corpus the model was trained from (every document's id, text, themes and split), in hex.
    /// A model is stale when this differs from the corpus's current fingerprint.
    /// </summary>
    public string CorpusFingerprint { get; }

    /// <summary>Number of documents in the training split.</summary>
    public int TrainingDocuments { get; }

    /// <summary>Metrics on the corpus's test split, which training never saw; <see langword="null"/> when the corpus had none.</summary>
    public ModelMetrics? TestMetrics { get; }
}
