namespace ArticleThemes.Explanation;

/// <summary>How <see cref="ThemeClassifier.ClassifyPassages(string, PassageOptions?)"/> cuts a text into passages.</summary>
/// <remarks>
/// Paragraphs end at blank lines (a line with nothing but white space). A paragraph of more than
/// <see cref="MaxParagraphWords"/> words is cut into windows of about <see cref="WindowWords"/> words, each ending at a
/// sentence end when one is near (from half to one and a half windows); a paragraph (or what is left of one) of fewer
/// than <see cref="MinWords"/> words is merged with the next, or with the one before when it is the last. Words are
/// the featurizer's words.
/// </remarks>
public sealed class PassageOptions
{
    /// <summary>The target length, in words, of the windows an over-long paragraph is cut into. Default 120; at least 10.</summary>
    public int WindowWords { get; init; } = 120;

    /// <summary>Paragraphs longer than this many words are cut into windows. Default 180; at least <see cref="WindowWords"/>.</summary>
    public int MaxParagraphWords { get; init; } = 180;

    /// <summary>Passages shorter than this many words are merged with a neighbour (headlines, datelines, one-line paragraphs). Default 40; at least 1, less than <see cref="WindowWords"/>.</summary>
    public int MinWords { get; init; } = 40;

    /// <summary>The defaults, as documented on each property.</summary>
    public static PassageOptions Default { get; } = new();

    internal void Validate()
    {
        if (WindowWords < 10)
        {
            throw new ArgumentOutOfRangeException(nameof(WindowWords), WindowWords, "WindowWords must be at least 10.");
        }

        if (MaxParagraphWords < WindowWords)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxParagraphWords), MaxParagraphWords, "MaxParagraphWords must be at least WindowWords.");
        }

        if (MinWords < 1 || MinWords >= WindowWords)
        {
            throw new ArgumentOutOfRangeException(nameof(MinWords), MinWords, "MinWords must be at least 1 and less than WindowWords.");
        }
    }
}
