using ArticleThemes.Model;

namespace ArticleThemes.Semantic;

/// <summary>
/// The accurate tier: labels text with the themes of a trained model from its all-MiniLM-L6-v2 sentence embedding
/// (run by ONNX Runtime on this machine; nothing is downloaded) and the theme lexicon's counts, through linear heads
/// trained by ML.NET with calibrated probabilities and tuned thresholds. It returns the same
/// <see cref="ThemePrediction"/> as <see cref="ThemeClassifier"/>, which is the fast, default tier.
/// </summary>
/// <remarks>
/// Create one classifier and share it: every method is safe to call from many threads at once. It costs far more
/// than the fast tier (milliseconds per headline, hundreds of milliseconds per long article, a few hundred MB of
/// memory; see docs/benchmarks.md) and in exchange reads meaning beyond the words a text uses. Dispose it to release
/// the ONNX Runtime session. Only the first 100,000 characters of a text are read.
/// </remarks>
/// <example>
/// <code>
/// using var classifier = SemanticThemeClassifier.LoadDefault();
/// ThemePrediction prediction = classifier.Classify("Our sons and daughters in uniform came home this year.");
/// </code>
/// </example>
public sealed class SemanticThemeClassifier : IThemePredictor, IDisposable
{
    /// <summary>The manifest resource name under which the default accurate-tier model is embedded in this assembly.</summary>
    public const string DefaultModelResourceName = "ArticleThemes.Semantic.DefaultModel.zip";

    private const string StreamSourceName = "model stream";

    private readonly SemanticScorer _scorer;
    private readonly ThemeSet _themes;

    private SemanticThemeClassifier(ModelArchive.AnyTier model, string sourceName)
    {
        if (model.Manifest.Tier != ModelTiers.Accurate || model.Manifest.Encoder is not { } encoder)
        {
            throw new ThemeModelException(sourceName, $"this is a model of the '{model.Manifest.Tier}' tier; load it with ThemeClassifier.Load.");
        }

        if (encoder.Name != EncoderName || encoder.Dimensions != SentenceEncoder.Dimensions)
        {
            throw new ThemeModelException(sourceName, $"the model was trained on '{encoder.Name}' embeddings of {encoder.Dimensions} dimensions; this package runs {EncoderName} ({SentenceEncoder.Dimensions}).");
        }

        _themes = model.Themes;
        Info = model.Info;
        _scorer = new SemanticScorer(SentenceEncoder.Create(), model.Featurizer, model.Heads);
    }

    /// <summary>The sentence encoder this package runs, as model files name it.</summary>
    public const string EncoderName = "all-MiniLM-L6-v2";

    /// <summary>The themes the model labels, in the order of <see cref="ThemePrediction.Scores"/>.</summary>
    public IReadOnlyList<string> Themes => _themes.Names;

    /// <summary>How the model was made: tier, encoder, trainer, thresholds, versions, corpus fingerprint and test metrics.</summary>
    public ModelInfo Info { get; }

    /// <summary>Loads the default accurate-tier model embedded in this assembly.</summary>
    /// <returns>A classifier for migration, militarization and trade.</returns>
    /// <exception cref="ThemeModelException">The assembly was built without the model, or it is damaged.</exception>
    public static SemanticThemeClassifier LoadDefault()
    {
        string source = $"embedded resource '{DefaultModelResourceName}' of {typeof(SemanticThemeClassifier).Assembly.GetName().Name}";
        using var stream = typeof(SemanticThemeClassifier).Assembly.GetManifestResourceStream(DefaultModelResourceName)
            ?? throw new ThemeModelException(source, "the assembly was built without a default accurate-tier model. Build it with models/article-themes-accurate.zip present, or load a model file with SemanticThemeClassifier.Load(path).");
        return new SemanticThemeClassifier(ModelArchive.ReadAnyTier(stream, source), source);
    }

    /// <summary>Loads an accurate-tier model file written by <c>article-themes train --tier accurate</c>.</summary>
    /// <param name="path">Path of the model file (a <c>.zip</c>).</param>
    /// <returns>A classifier for the model's themes.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is <see langword="null"/>.</exception>
    /// <exception cref="ThemeModelException">The file is missing, unreadable, damaged, of the fast tier, or not an ArticleThemes model.</exception>
    public static SemanticThemeClassifier Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
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

        using (stream)
        {
            return new SemanticThemeClassifier(ModelArchive.ReadAnyTier(stream, path), path);
        }
    }

    /// <summary>Loads an accurate-tier model from a seekable stream holding a model file. The stream is read, not closed.</summary>
    /// <param name="stream">The model file's bytes.</param>
    /// <returns>A classifier for the model's themes.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> is <see langword="null"/>.</exception>
    /// <exception cref="ThemeModelException">The stream is not seekable, or holds no accurate-tier model.</exception>
    public static SemanticThemeClassifier Load(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanSeek)
        {
            throw new ThemeModelException(StreamSourceName, "the stream is not seekable; copy it to a MemoryStream or load the model from a file.");
        }

        return new SemanticThemeClassifier(ModelArchive.ReadAnyTier(stream, StreamSourceName), StreamSourceName);
    }

    /// <summary>Labels one text.</summary>
    /// <param name="text">Any text. Only its first 100,000 characters are read.</param>
    /// <returns>Every theme's probability and decision. A text without a single letter or digit carries no theme.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is <see langword="null"/>.</exception>
    /// <exception cref="ObjectDisposedException">The classifier was disposed.</exception>
    public ThemePrediction Classify(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var (input, hasWords) = _scorer.Input(text, _scorer.Encoder.Encode(text));
        var probabilities = new float[_themes.Count];
        _scorer.Score(input, probabilities);
        return new ThemePrediction(_themes, probabilities, hasWords ? _themes.Decide(probabilities) : 0);
    }

    /// <summary>Labels many texts, running the encoder on batches of them. Predictions come back in the order of the texts.</summary>
    /// <param name="texts">The texts; none may be <see langword="null"/>.</param>
    /// <param name="cancellationToken">Stops the work; then <see cref="OperationCanceledException"/> is thrown.</param>
    /// <returns>One prediction per text, in the same order.</returns>
    public IReadOnlyList<ThemePrediction> ClassifyBatch(IReadOnlyList<string> texts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(texts);
        for (int i = 0; i < texts.Count; i++)
        {
            if (texts[i] is null)
            {
                throw new ArgumentException($"Text {i} is null.", nameof(texts));
            }
        }

        var (probabilities, hasWords) = _scorer.ScoreBatch(texts, cancellationToken);
        return probabilities.Select((p, d) => new ThemePrediction(_themes, p, hasWords[d] ? _themes.Decide(p) : 0)).ToArray();
    }

    /// <summary>Releases the ONNX Runtime session.</summary>
    public void Dispose() => _scorer.Encoder.Dispose();
}
