namespace ArticleThemes;

/// <summary>
/// What every tier's classifier offers the evaluation, the console and the ML.NET component: the themes, how the
/// model was made, and predictions of the one result type. Implemented by <see cref="ThemeClassifier"/> (the fast
/// tier) and by the accurate tier's classifier in <c>ArticleThemes.Semantic</c>.
/// </summary>
internal interface IThemePredictor
{
    /// <summary>The themes, in the order of <see cref="ThemePrediction.Scores"/>.</summary>
    IReadOnlyList<string> Themes { get; }

    /// <summary>How the model was made.</summary>
    ModelInfo Info { get; }

    /// <summary>Labels one text.</summary>
    ThemePrediction Classify(string text);

    /// <summary>Labels many texts, in order.</summary>
    IReadOnlyList<ThemePrediction> ClassifyBatch(IReadOnlyList<string> texts, CancellationToken cancellationToken = default);

    /// <summary>Why: each theme's evidence, as far as the tier explains it.</summary>
    Explanation.TextExplanation Explain(string text, int maxEvidence = 10);

    /// <summary>Where: the text's passages, each labelled on its own.</summary>
    IReadOnlyList<Explanation.PassagePrediction> ClassifyPassages(string text, Explanation.PassageOptions? options = null);
}
