namespace ArticleThemes.Explanation;

/// <summary>Which feature families of the model a piece of <see cref="Evidence"/> comes from.</summary>
[Flags]
public enum EvidenceKinds
{
    /// <summary>No feature (not used in evidence).</summary>
    None = 0,

    /// <summary>The word itself.</summary>
    Word = 1,

    /// <summary>Character chunks inside the word (shared stems such as <c>deport</c>).</summary>
    CharacterChunks = 2,

    /// <summary>Two adjacent words; the span runs from the first word's start to the second word's end.</summary>
    WordPair = 4,

    /// <summary>A phrase of the model's theme lexicon (one to three words).</summary>
    LexiconPhrase = 8,

    /// <summary>
    /// The word's meaning: its vector from the model's word vectors, which lets a word the training texts never used
    /// count like the words it resembles. Its share is the word's weight in the text's mean word vector.
    /// </summary>
    WordVector = 16,
}

/// <summary>
/// One span of the input and its signed contribution to one theme's raw score: the sum, over every feature
/// occurrence read from exactly these characters, of the head's weight times the occurrence's share of the
/// feature's value.
/// </summary>
/// <remarks>
/// A feature seen <c>k</c> times in a text has one value (see <see cref="ThemeExplanation"/>); each of its occurrences
/// carries <c>1/k</c> of it, so a word that appears three times gives three pieces of evidence, one per place.
/// Character chunks count toward the word they are in; word pairs toward the span of the two words; lexicon
/// phrases toward the phrase.
/// </remarks>
public sealed class Evidence
{
    internal Evidence(int start, int length, string text, double contribution, EvidenceKinds kinds)
    {
        Start = start;
        Length = length;
        Text = text;
        Contribution = contribution;
        Kinds = kinds;
    }

    /// <summary>Index of the span's first character in the input text.</summary>
    public int Start { get; }

    /// <summary>Number of characters of the span; <c>text.Substring(Start, Length) == Text</c>.</summary>
    public int Length { get; }

    /// <summary>The characters of the span, as they are in the input.</summary>
    public string Text { get; }

    /// <summary>
    /// Signed contribution to the theme's raw score (before calibration): positive pushes the theme toward
    /// present, negative away from it.
    /// </summary>
    public double Contribution { get; }

    /// <summary>The feature families whose occurrences at this span make up the contribution.</summary>
    public EvidenceKinds Kinds { get; }

    /// <inheritdoc/>
    public override string ToString() =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"\"{Text}\" [{Start}, +{Length}] {Contribution:+0.0000;-0.0000;0.0000} ({Kinds})");
}
