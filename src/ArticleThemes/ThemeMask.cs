using System.Numerics;

namespace ArticleThemes;

/// <summary>
/// A set of a model's themes by index (theme t is bit t, so at most <see cref="ThemeSet.MaxThemes"/>): what a
/// prediction decided or a document is labelled with. A value in one <see cref="int"/>, so the hot path stays
/// allocation-free, and equal sets compare equal.
/// </summary>
internal readonly record struct ThemeMask(int Bits)
{
    /// <summary>No theme.</summary>
    public static ThemeMask Empty => default;

    /// <summary>Whether the set holds no theme.</summary>
    public bool IsEmpty => Bits == 0;

    /// <summary>How many themes the set holds.</summary>
    public int Count => BitOperations.PopCount((uint)Bits);

    /// <summary>Whether theme <paramref name="theme"/> (an index in the model's order) is in the set.</summary>
    public bool Contains(int theme) => (Bits & (1 << theme)) != 0;

    /// <summary>The set with theme <paramref name="theme"/> added.</summary>
    public ThemeMask With(int theme) => new(Bits | (1 << theme));

    /// <summary>The themes in one set and not the other (where a prediction and a label disagree).</summary>
    public static ThemeMask operator ^(ThemeMask left, ThemeMask right) => new(left.Bits ^ right.Bits);

    /// <summary>The themes in one set and not the other.</summary>
    public ThemeMask Xor(ThemeMask other) => this ^ other;
}
