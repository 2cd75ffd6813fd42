using System.Diagnostics.CodeAnalysis;
using ArticleThemes.Explanation;
using ArticleThemes.Model;
using ArticleThemes.Scoring;

namespace ArticleThemes;

/// <summary>
/// Labels text with the themes of a trained model — by default migration, militarization and trade — giving each
/// theme a calibrated probability and a yes/no decision at the theme's tuned threshold.
/// </summary>
/// <remarks>
/// Create one classifier and share it: every method is safe to call from many threads at once, and loading a
/// model costs far more than classifying a text. Only the first <see cref="Featurization.FeaturizerOptions.MaxCharacters"/>
/// characters of a text are read.
/// </remarks>
/// <example>
/// <code>
/// var classifier = ThemeClassifier.LoadDefault();
/// ThemePrediction prediction = classifier.Classify("Troops were sent to the border to stop migrants crossing.");
/// bool migration = prediction.Contains(ThemeNames.Migration);
/// </code>
/// </example>
public sealed class ThemeClassifier : IThemePredictor
{
    /// <summary>The manifest resource name under which the default model is embedded in this assembly.</summary>
    public const string DefaultModelResourceName = "ArticleThemes.DefaultModel.zip";

    private const string StreamSourceName = "model stream";

    private readonly CompiledScorer _scorer;
    private readonly ThemeSet _themes;

    private readonly byte[]? _modelFile;

    // A model loaded from a file or stream keeps the file's bytes (about 3 MB for the default model), so that
    // ArticleThemes.MLNet can save it inside an ML.NET pipeline; the embedded default model is read again on demand.
    private ThemeClassifier(ModelArchive.Contents contents, byte[]? modelFile)
    {
        _scorer = contents.Scorer;
        _themes = contents.Themes;
        Info = contents.Info;
        _modelFile = modelFile;
    }

    /// <summary>The themes the model labels, in the order of <see cref="ThemePrediction.Scores"/>.</summary>
    public IReadOnlyList<string> Themes => _themes.Names;

    /// <summary>How the model was made: trainer, thresholds, versions, corpus fingerprint and test metrics.</summary>
    public ModelInfo Info { get; }

    /// <summary>The bytes of the model file this classifier was loaded from: a model file that <see cref="Load(Stream)"/> reads back as this model.</summary>
    internal ReadOnlyMemory<byte> GetModelFile()
    {
        if (_modelFile is not null)
        {
            return _modelFile;
        }

        using var stream = OpenDefaultModel();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    /// <summary>Loads the default model embedded in this assembly.</summary>
    /// <returns>A classifier for migration, militarization and trade.</returns>
    /// <exception cref="ThemeModelException">The assembly has no default model (a build without <c>models/</c>) or it is damaged.</exception>
    public static ThemeClassifier LoadDefault()
    {
        using var stream = OpenDefaultModel();
        return new ThemeClassifier(ModelArchive.Read(stream, $"embedded resource '{DefaultModelResourceName}' of {typeof(ThemeClassifier).Assembly.GetName().Name}"), modelFile: null);
    }

    /// <summary>Loads a model file written by <c>article-themes train</c>.</summary>
    /// <param name="path">Path of the model file (a <c>.zip</c>).</param>
    /// <returns>A classifier for the model's themes.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is <see langword="null"/>.</exception>
    /// <exception cref="ThemeModelException">The file is missing, unreadable, empty, damaged, or not an ArticleThemes model.</exception>
    public static ThemeClassifier Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var stream = ModelArchive.OpenFile(path);
        return FromBytes(ReadCapped(stream, path), path);
    }

    /// <summary>Loads a model from a stream holding a model file. The stream is read, not closed.</summary>
    /// <param name="stream">The model file's bytes, from the stream's position on; it need not be seekable (it is copied, up to 512 MB).</param>
    /// <returns>A classifier for the model's themes.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> is <see langword="null"/>.</exception>
    /// <exception cref="ThemeModelException">The stream is empty, damaged, or not an ArticleThemes model.</exception>
    public static ThemeClassifier Load(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return FromBytes(ReadCapped(stream, StreamSourceName), StreamSourceName);
    }

    private static ThemeClassifier FromBytes(byte[] modelFile, string sourceName)
    {
        using var buffer = new MemoryStream(modelFile, writable: false);
        return new ThemeClassifier(ModelArchive.Read(buffer, sourceName), modelFile);
    }

    /// <summary>The model file's bytes, up to the size no model reaches (a zip needs random access, and the classifier keeps them).</summary>
    private static byte[] ReadCapped(Stream stream, string sourceName)
    {
        try
        {
            using var copy = ModelArchive.CopyCapped(stream, ModelArchive.MaxModelBytes, () => new ThemeModelException(sourceName, $"the model file holds more than {ModelArchive.MaxModelBytes:N0} bytes, more than any model; it is not a model file."));
            return copy.ToArray();
        }
        catch (IOException ex)
        {
            throw new ThemeModelException(sourceName, $"the model could not be read ({ex.Message}).", ex);
        }
    }

    private static Stream OpenDefaultModel() =>
        typeof(ThemeClassifier).Assembly.GetManifestResourceStream(DefaultModelResourceName)
            ?? throw new ThemeModelException(
                $"embedded resource '{DefaultModelResourceName}'",
                "the assembly was built without a default model. Build it with models/article-themes.zip present, or load a model file with ThemeClassifier.Load(path).");

    /// <summary>Labels one text.</summary>
    /// <param name="text">Any text: a headline, a whole article, markup or another language. Only its first
    /// <see cref="Featurization.FeaturizerOptions.MaxCharacters"/> characters are read.</param>
    /// <returns>Every theme's probability and decision. A text without a single letter or digit carries no theme.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is <see langword="null"/>.</exception>
    public ThemePrediction Classify(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Classify(text.AsSpan());
    }

    /// <summary>Labels one text given as characters, without making a string of it.</summary>
    /// <param name="text">The text.</param>
    /// <returns>Every theme's probability and decision.</returns>
    public ThemePrediction Classify(ReadOnlySpan<char> text)
    {
        var probabilities = new float[_themes.Count];
        bool hasWords = _scorer.Score(text, probabilities);
        return new ThemePrediction(_themes, probabilities, hasWords ? _themes.Decide(probabilities) : ThemeMask.Empty);
    }

    /// <summary>
    /// Labels one text and tells why: for every theme, the spans of the text (words with their character chunks,
    /// word pairs, lexicon phrases) whose features moved the theme's score, with their signed contributions, and
    /// the head's bias.
    /// </summary>
    /// <param name="text">Any text, as for <see cref="Classify(string)"/>. Spans lie within its first
    /// <see cref="Featurization.FeaturizerOptions.MaxCharacters"/> characters, never split a surrogate pair (the
    /// featurizer treats surrogates as separators), and <c>text.Substring(Start, Length)</c> is each span's text.</param>
    /// <param name="maxEvidence">How many spans to list per theme, strongest first; the rest are summed in
    /// <see cref="ThemeExplanation.OtherContribution"/>. At least 0.</param>
    /// <returns>
    /// The prediction that <see cref="Classify(string)"/> gives, and one <see cref="ThemeExplanation"/> per theme. For
    /// linear heads (the default model) the explanation is exact: bias plus every span's contribution is the raw
    /// score that the calibration turns into the probability. Tree heads are not explained
    /// (<see cref="ThemeExplanation.IsExplained"/> is <see langword="false"/>).
    /// </returns>
    /// <remarks>
    /// Explaining scores the text as <see cref="Classify(string)"/> does, featurizes it once more with the same
    /// featurizer, recording where each feature was read, and allocates in proportion to the text: it costs some 10
    /// to 40 calls of <see cref="Classify(string)"/> (see docs/benchmarks.md), which is unchanged by it. The library
    /// has one tier, the hashed-feature heads, and every linear head of it is explained span by span.
    /// </remarks>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxEvidence"/> is negative.</exception>
    public TextExplanation Explain(string text, int maxEvidence = 10)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfNegative(maxEvidence);
        var probabilities = new float[_themes.Count];
        var rawScores = new double[_themes.Count];
        bool hasWords = _scorer.Score(text, probabilities, rawScores);
        var prediction = new ThemePrediction(_themes, probabilities, hasWords ? _themes.Decide(probabilities) : ThemeMask.Empty);
        var themes = Explainer.Explain(_scorer, text, prediction, rawScores, maxEvidence);
        return new TextExplanation(prediction, themes, Math.Min(text.Length, _scorer.Featurizer.Options.MaxCharacters));
    }

    /// <summary>
    /// Cuts a text into passages and labels each on its own: where in a long article each theme lives.
    /// </summary>
    /// <param name="text">Any text. Passages cover its first <see cref="Featurization.FeaturizerOptions.MaxCharacters"/> characters.</param>
    /// <param name="options">How to cut; <see langword="null"/> for <see cref="PassageOptions.Default"/>: paragraphs at
    /// blank lines, paragraphs over 180 words cut into windows of about 120 words at sentence ends, passages under 40
    /// words merged with the next.</param>
    /// <returns>The passages in text order, each with its character range and its own prediction; empty when the text has no word.</returns>
    /// <remarks>
    /// The whole text's prediction is still what <see cref="Classify(string)"/> returns; it is not derived from the
    /// passages, nor they from it. A theme that runs thinly through a long text can be present in the whole and
    /// under the threshold in every passage, and a theme confined to one paragraph can be present in that passage
    /// and diluted below the threshold in the whole (the features of a text are scaled to unit length). Read the
    /// passages as where the themes are concentrated, and the whole-text prediction as what the text is about.
    /// </remarks>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of its documented range.</exception>
    public IReadOnlyList<PassagePrediction> ClassifyPassages(string text, PassageOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        options ??= PassageOptions.Default;
        options.Validate();
        var ranges = PassageSplitter.Split(_scorer.Featurizer, text, options);
        var passages = new PassagePrediction[ranges.Count];
        for (int i = 0; i < passages.Length; i++)
        {
            var (start, length) = ranges[i];
            passages[i] = new PassagePrediction(start, length, Classify(text.AsSpan(start, length)));
        }

        return Array.AsReadOnly(passages);
    }

    /// <summary>Labels many texts on all processor cores. Predictions come back in the order of the texts.</summary>
    /// <param name="texts">The texts; none may be <see langword="null"/>.</param>
    /// <param name="cancellationToken">Stops the work; then <see cref="OperationCanceledException"/> is thrown.</param>
    /// <returns>One prediction per text, in the same order.</returns>
    [SuppressMessage("ApiDesign", "RS0026:Do not add multiple public overloads with optional parameters", Justification = "The only optional parameter is the trailing CancellationToken of the .NET design guidelines; no call can bind to both overloads.")]
    public IReadOnlyList<ThemePrediction> ClassifyBatch(IReadOnlyList<string> texts, CancellationToken cancellationToken = default) =>
        ClassifyBatch(texts, Environment.ProcessorCount, cancellationToken);

    /// <summary>Labels many texts on at most <paramref name="maxDegreeOfParallelism"/> threads. Predictions come back in the order of the texts.</summary>
    /// <param name="texts">The texts; none may be <see langword="null"/>.</param>
    /// <param name="maxDegreeOfParallelism">How many threads may work at once; at least 1.</param>
    /// <param name="cancellationToken">Stops the work; then <see cref="OperationCanceledException"/> is thrown.</param>
    /// <returns>One prediction per text, in the same order.</returns>
    [SuppressMessage("ApiDesign", "RS0026:Do not add multiple public overloads with optional parameters", Justification = "The only optional parameter is the trailing CancellationToken of the .NET design guidelines; no call can bind to both overloads.")]
    public IReadOnlyList<ThemePrediction> ClassifyBatch(IReadOnlyList<string> texts, int maxDegreeOfParallelism, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(texts);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxDegreeOfParallelism, 1);
        for (int i = 0; i < texts.Count; i++)
        {
            if (texts[i] is null)
            {
                throw new ArgumentException($"Text {i} is null.", nameof(texts));
            }
        }

        var results = new ThemePrediction[texts.Count];
        if (maxDegreeOfParallelism == 1 || texts.Count < 2)
        {
            for (int i = 0; i < results.Length; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                results[i] = Classify(texts[i].AsSpan());
            }

            return results;
        }

        // Small ranges rather than single items: one delegate call per range keeps scheduling cost off short texts,
        // and many ranges per thread keep the threads evenly loaded when text lengths vary a lot.
        var options = new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism, CancellationToken = cancellationToken };
        int rangeSize = Math.Clamp(texts.Count / (maxDegreeOfParallelism * 32), 1, 64);
        Parallel.ForEach(System.Collections.Concurrent.Partitioner.Create(0, texts.Count, rangeSize), options, range =>
        {
            for (int i = range.Item1; i < range.Item2; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                results[i] = Classify(texts[i].AsSpan());
            }
        });
        return results;
    }
}
