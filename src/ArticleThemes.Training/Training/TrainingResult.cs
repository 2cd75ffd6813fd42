using ArticleThemes.Featurization;
using ArticleThemes.Model;
using ArticleThemes.IO;
using ArticleThemes.Scoring;

namespace ArticleThemes.Training;

/// <summary>A trained model, ready to save or to use, and what training tried on the way.</summary>
internal sealed class TrainingResult
{
    // The manifest is the file format's own record; callers see what it says through ModelInfo, as users of the
    // saved file do, so the format can change without touching them.
    private readonly ModelManifest _manifest;
    private readonly byte[][] _heads;
    private readonly int[]? _headInputSlots;
    private readonly byte[]? _wordVocabulary;
    private readonly byte[]? _neighbours;

    public TrainingResult(
        ModelManifest manifest, byte[][] heads, int[]? headInputSlots, TextFeaturizer featurizer, CompiledHead[] compiled, int inputSize,
        IReadOnlyList<CandidateResult> candidates, CandidateResult chosen, WordScores? wordScores = null, byte[]? wordVocabulary = null, byte[]? neighbours = null)
    {
        if ((wordScores is null) != (wordVocabulary is null))
        {
            throw new ArgumentException("Word scores and their vocabulary come together.", nameof(wordVocabulary));
        }

        _wordVocabulary = wordVocabulary;
        _neighbours = neighbours;
        WordScores = wordScores;
        _manifest = manifest;
        Info = ModelArchive.ToInfo(manifest);
        _heads = heads;
        _headInputSlots = headInputSlots;
        Featurizer = featurizer;
        Heads = compiled;
        InputSize = inputSize;
        Candidates = candidates;
        Chosen = chosen;
    }

    /// <summary>How the model was made: themes and thresholds, trainer, corpus and test-split metrics (what <see cref="ThemeClassifier.Info"/> of the saved file tells).</summary>
    public ModelInfo Info { get; }

    /// <summary>The ML.NET heads as saved, in theme order.</summary>
    public IReadOnlyList<byte[]> MLNetHeads => _heads;

    /// <summary>The featurizer (for the accurate tier: its lexicon groups only are used).</summary>
    public TextFeaturizer Featurizer { get; }

    /// <summary>The heads compiled for serving, in theme order.</summary>
    public IReadOnlyList<CompiledHead> Heads { get; }

    /// <summary>The word vectors' scores per theme, or null when the heads read no word vectors.</summary>
    public WordScores? WordScores { get; }

    /// <summary>How many features the heads read.</summary>
    public int InputSize { get; }

    public IReadOnlyList<CandidateResult> Candidates { get; }

    public CandidateResult Chosen { get; }

    public void Save(Stream destination) => ModelWriter.Write(destination, _manifest, _heads, _headInputSlots, Featurizer, InputSize, Heads, WordScores, _wordVocabulary, _neighbours);

    /// <summary>Writes the model file atomically; refuses to replace an existing file unless <paramref name="overwrite"/>.</summary>
    public void Save(string path, bool overwrite) => AtomicFile.Write(path, Save, overwrite);

    /// <summary>The trained fast-tier model as a classifier, read back from its own bytes (what a user loading the file gets).</summary>
    public ThemeClassifier ToClassifier()
    {
        using var buffer = new MemoryStream();
        Save(buffer);
        buffer.Position = 0;
        return ThemeClassifier.Load(buffer);
    }
}
