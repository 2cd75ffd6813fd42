namespace ArticleThemes.Explanation;

/// <summary>One passage of a text and the themes of that passage alone.</summary>
public sealed class PassagePrediction
{
    internal PassagePrediction(int start, int length, ThemePrediction prediction)
    {
        Start = start;
        Length = length;
        Prediction = prediction;
    }

    /// <summary>Index of the passage's first character in the text.</summary>
    public int Start { get; }

    /// <summary>Number of characters of the passage (from its first to its last non-space character).</summary>
    public int Length { get; }

    /// <summary>The passage classified on its own, as <see cref="ThemeClassifier.Classify(string)"/> would classify its characters.</summary>
    public ThemePrediction Prediction { get; }

    /// <inheritdoc/>
    public override string ToString() => $"[{Start}, +{Length}] {Prediction}";
}
