namespace ArticleThemes.Explanation;

/// <summary>
/// The result of <see cref="ThemeClassifier.Explain(string, int)"/>: the prediction that
/// <see cref="ThemeClassifier.Classify(string)"/> gives for the text, and why, theme by theme.
/// </summary>
public sealed class TextExplanation
{
    internal TextExplanation(ThemePrediction prediction, IReadOnlyList<ThemeExplanation> themes, int charactersRead)
    {
        Prediction = prediction;
        Themes = themes;
        CharactersRead = charactersRead;
    }

    /// <summary>The prediction, identical to what <see cref="ThemeClassifier.Classify(string)"/> returns for the same text.</summary>
    public ThemePrediction Prediction { get; }

    /// <summary>One explanation per theme of the model, in the model's order (as <see cref="ThemePrediction.Scores"/>).</summary>
    public IReadOnlyList<ThemeExplanation> Themes { get; }

    /// <summary>How many characters of the text were read (the text's length, at most <see cref="Featurization.FeaturizerOptions.MaxCharacters"/>); no span goes past it.</summary>
    public int CharactersRead { get; }

    /// <summary>The explanation of <paramref name="theme"/>.</summary>
    /// <param name="theme">A theme name from <see cref="ThemeClassifier.Themes"/>.</param>
    /// <exception cref="KeyNotFoundException">The model has no theme of that name.</exception>
    public ThemeExplanation this[string theme] =>
        Themes.FirstOrDefault(t => t.Theme == theme) ?? throw new KeyNotFoundException($"The model has no theme '{theme}'.");
}
