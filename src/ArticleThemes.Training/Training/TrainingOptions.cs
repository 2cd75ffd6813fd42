using ArticleThemes.Featurization;
using ArticleThemes.Lexicon;

namespace ArticleThemes.Training;

/// <summary>How to train a model.</summary>
internal sealed class TrainingOptions
{
    /// <summary>The trainer of the theme heads. Default <see cref="TrainerKind.Auto"/>.</summary>
    public TrainerKind Trainer { get; init; } = TrainerKind.Auto;

    /// <summary>The random seed: the same seed, data and options give the same model. Default 42.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>Folds of the cross-validation that tunes thresholds (and, with auto, picks the trainer). Default 5.</summary>
    public int Folds { get; init; } = 5;

    /// <summary>L2 regularization of the linear heads (SDCA, L-BFGS); null keeps each trainer's default. FastTree ignores it.</summary>
    public float? L2Regularization { get; init; }

    /// <summary>
    /// A directory where encodings are kept between runs, text by text (keyed by the encoder and a hash of each
    /// text): the accurate tier's document embeddings and the fast tier's word vectors. Retraining with other
    /// settings encodes nothing again, and after documents are added only the new ones; null (the default) keeps nothing.
    /// </summary>
    public string? EmbeddingCache { get; init; }

    /// <summary>
    /// Whether the fast tier's linear heads also read the weighted mean of the text's word vectors (see
    /// <see cref="Training.WordVectors"/>). Default <see langword="true"/>. Tree heads never read them, and the
    /// accurate tier has the sentence embedding instead.
    /// </summary>
    public bool WordVectors { get; init; } = true;

    /// <summary>
    /// The weight of the zero vector in a text's mean of word vectors (<see cref="Training.WordVectors.PriorWeight"/>):
    /// about that many rare words' worth, so that a text of one or two words does not read as its words' vectors at
    /// full strength. Default <see cref="DefaultWordPriorWeight"/>, chosen by writer-held-out cross-validation (0, 1.5
    /// and 3 tied within 0.001; 1.5 was highest); 0 is the plain weighted mean.
    /// </summary>
    public double WordPriorWeight { get; init; } = DefaultWordPriorWeight;

    /// <summary>The default <see cref="WordPriorWeight"/>.</summary>
    public const double DefaultWordPriorWeight = 1.5;

    /// <summary>The largest <see cref="WordPriorWeight"/> accepted.</summary>
    public const double MaxWordPriorWeight = 100;

    /// <summary>
    /// Whether the fast tier also trains on the sentences of the training split's longer documents, labelled by the
    /// accurate tier fitted on the same split (<see cref="Training.TeacherSentences"/>). Default <see langword="false"/>:
    /// it runs the sentence encoder over the whole training split and its sentences, which takes minutes. The accurate
    /// tier ignores it.
    /// </summary>
    public bool TeacherSentences { get; init; }

    /// <summary>The text features. Default <see cref="FeaturizerOptions.Default"/>.</summary>
    public FeaturizerOptions Featurizer { get; init; } = FeaturizerOptions.Default;

    /// <summary>
    /// The theme lexicon whose group counts are features of the model. Default: the lexicon the project curates
    /// (<c>data/lexicon.tsv</c>, embedded as <see cref="DefaultLexicon"/>); null trains on the hashed text features alone.
    /// </summary>
    public ThemeLexicon? Lexicon { get; init; } = DefaultLexicon.Value;

    /// <summary>The fewest folds cross-validation may have.</summary>
    public const int MinFolds = 2;

    /// <summary>The most folds cross-validation may have.</summary>
    public const int MaxFolds = 20;

    /// <summary>Checks every setting; throws <see cref="ArgumentException"/> naming the first one out of range.</summary>
    public void Validate()
    {
        if (!Enum.IsDefined(Trainer))
        {
            throw new ArgumentOutOfRangeException(nameof(Trainer), Trainer, "Trainer must be sdca, lbfgs, fasttree or auto.");
        }

        if (Folds is < MinFolds or > MaxFolds)
        {
            throw new ArgumentOutOfRangeException(nameof(Folds), Folds, $"Folds must be between {MinFolds} and {MaxFolds}.");
        }

        if (L2Regularization is { } l2 && !(l2 >= 0 && float.IsFinite(l2)))
        {
            throw new ArgumentOutOfRangeException(nameof(L2Regularization), L2Regularization, "L2Regularization must be zero or positive.");
        }

        if (!(WordPriorWeight >= 0 && WordPriorWeight <= MaxWordPriorWeight))
        {
            throw new ArgumentOutOfRangeException(nameof(WordPriorWeight), WordPriorWeight, $"WordPriorWeight must be between 0 and {MaxWordPriorWeight}.");
        }

        ArgumentNullException.ThrowIfNull(Featurizer);
        Featurizer.Validate();
    }
}
