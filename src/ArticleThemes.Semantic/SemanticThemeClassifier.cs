using ArticleThemes.Explanation;
using ArticleThemes.Featurization;
using ArticleThemes.Lexicon;
using ArticleThemes.Model;
using ArticleThemes.Scoring;

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
    private readonly TextFeaturizer _featurizer;
    private readonly CompiledHead[] _heads;

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
        _featurizer = model.Featurizer;
        _heads = model.Heads;
        _scorer = SemanticScorer.ForModel(SentenceEncoder.Create(), model, sourceName);
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
        using var stream = ModelArchive.OpenFile(path);
        return new SemanticThemeClassifier(ModelArchive.ReadAnyTier(stream, path), path);
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
        return new ThemePrediction(_themes, probabilities, hasWords ? _themes.Decide(probabilities) : ThemeMask.Empty);
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
        return probabilities.Select((p, d) => new ThemePrediction(_themes, p, hasWords[d] ? _themes.Decide(p) : ThemeMask.Empty)).ToArray();
    }

    /// <summary>
    /// Why each theme got its probability, as far as this tier can say span by span: each lexicon phrase found in
    /// the text (a span of the input) with its exact contribution to the theme's raw score; the contribution of the
    /// sentence embedding and of its similarity to the training documents, which belong to the text as a whole and
    /// to no span, is in
    /// <see cref="ThemeExplanation.OtherContribution"/> (with the phrases not listed). Bias + evidence + other is the
    /// raw score, whose Platt calibration is the probability. <see cref="ThemeExplanation.IsExplained"/> is
    /// <see langword="false"/>: most of an accurate-tier decision is the embedding's. For word-by-word evidence use
    /// the fast tier's <see cref="ThemeClassifier.Explain(string, int)"/>.
    /// </summary>
    /// <param name="text">Any text.</param>
    /// <param name="maxEvidence">How many phrases to list per theme, strongest first; the rest are summed.</param>
    /// <returns>The prediction <see cref="Classify"/> gives, and each theme's explanation.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxEvidence"/> is negative.</exception>
    public TextExplanation Explain(string text, int maxEvidence = 10)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfNegative(maxEvidence);
        var (input, hasWords) = _scorer.Input(text, _scorer.Encoder.Encode(text));
        var probabilities = new float[_themes.Count];
        _scorer.Score(input, probabilities);
        var prediction = new ThemePrediction(_themes, probabilities, hasWords ? _themes.Decide(probabilities) : ThemeMask.Empty);

        // The lexicon phrases and their spans, from the one featurizer; each group's value is shared evenly among its matches.
        var scratch = FeatureScratch.ForCurrentThread(_featurizer.Dimension);
        var occurrences = new List<Occurrence>();
        var phrases = new List<LexiconOccurrence>();
        var sink = new RecordingSink(scratch, occurrences, phrases);
        _featurizer.Emit(text, ref sink);
        int groups = _featurizer.FeatureCount - _featurizer.Dimension;
        int read = Math.Min(text.Length, _featurizer.Options.MaxCharacters);
        var themes = new ThemeExplanation[_themes.Count];
        for (int t = 0; t < themes.Length; t++)
        {
            var linear = _heads[t].Linear!;
            double embedding = 0;
            for (int i = 0; i < SentenceEncoder.Dimensions; i++)
            {
                embedding += linear.Weights[i] * (double)input[i];
            }

            // The neighbour margins, after the lexicon groups, are the embedding's too: they are read from it alone.
            for (int i = SentenceEncoder.Dimensions + groups; i < input.Length; i++)
            {
                embedding += linear.Weights[i] * (double)input[i];
            }

            var spans = new Dictionary<(int Start, int Length), double>();
            foreach (var phrase in phrases)
            {
                double share = 0;
                for (int g = 0; g < groups; g++)
                {
                    if ((phrase.Groups & (1u << g)) != 0)
                    {
                        int matches = scratch.LexiconCount(g);
                        share += linear.Weights[SentenceEncoder.Dimensions + g] * (double)ThemeLexicon.Value(matches) / matches;
                    }
                }

                var key = (phrase.Start, phrase.Length);
                spans[key] = spans.GetValueOrDefault(key) + share;
            }

            var ordered = spans.Where(x => x.Value != 0)
                .OrderByDescending(x => Math.Abs(x.Value)).ThenBy(x => x.Key.Start)
                .ToArray();
            var listed = ordered.Take(maxEvidence)
                .Select(x => new Evidence(x.Key.Start, x.Key.Length, text.Substring(x.Key.Start, x.Key.Length), x.Value, EvidenceKinds.LexiconPhrase))
                .ToArray();
            double other = embedding + ordered.Skip(maxEvidence).Sum(x => x.Value);
            double raw = linear.Bias + embedding + ordered.Sum(x => x.Value);
            themes[t] = new ThemeExplanation(prediction.Scores[t], raw, linear.Bias, listed, other, ordered.Length, isExplained: false);
        }

        return new TextExplanation(prediction, themes, read);
    }

    /// <summary>
    /// The text cut into passages (as <see cref="ThemeClassifier.ClassifyPassages"/> cuts it: paragraphs, long ones
    /// in windows at sentence ends, short ones merged), each labelled on its own by this tier; the encoder runs on
    /// all passages in one batch.
    /// </summary>
    /// <param name="text">Any text.</param>
    /// <param name="options">How to cut; <see langword="null"/> for <see cref="PassageOptions.Default"/>.</param>
    /// <returns>The passages in text order, each with its range and prediction; empty when the text has no word.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is <see langword="null"/>.</exception>
    public IReadOnlyList<PassagePrediction> ClassifyPassages(string text, PassageOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        options ??= PassageOptions.Default;
        options.Validate();
        var ranges = PassageSplitter.Split(_featurizer, text, options);
        var predictions = ClassifyBatch(ranges.Select(r => text.Substring(r.Start, r.Length)).ToArray());
        return Array.AsReadOnly(ranges.Select((r, i) => new PassagePrediction(r.Start, r.Length, predictions[i])).ToArray());
    }

    /// <summary>Releases the ONNX Runtime session.</summary>
    public void Dispose() => _scorer.Encoder.Dispose();
}
