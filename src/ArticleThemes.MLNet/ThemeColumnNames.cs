namespace ArticleThemes.MLNet;

/// <summary>
/// The names of the columns ClassifyThemes adds. Theme names are used verbatim (they are the model's data, and any
/// case mapping could make two themes collide); a dot separates the theme from the field, and the fields are named
/// after <see cref="ThemeScore"/> and <see cref="ThemePrediction.Themes"/>.
/// </summary>
internal sealed class ThemeColumnNames
{
    public const string ProbabilitySuffix = ".Probability";
    public const string IsPresentSuffix = ".IsPresent";
    public const string ThemesSuffix = "Themes";

    public ThemeColumnNames(string prefix, IReadOnlyList<string> themes)
    {
        Prefix = prefix;
        Themes = themes;
        Probability = themes.Select(t => prefix + t + ProbabilitySuffix).ToArray();
        IsPresent = themes.Select(t => prefix + t + IsPresentSuffix).ToArray();
        PresentThemes = prefix + ThemesSuffix;
    }

    public string Prefix { get; }

    public IReadOnlyList<string> Themes { get; }

    /// <summary><c>{prefix}{theme}.Probability</c>, per theme in the model's order.</summary>
    public string[] Probability { get; }

    /// <summary><c>{prefix}{theme}.IsPresent</c>, per theme in the model's order.</summary>
    public string[] IsPresent { get; }

    /// <summary><c>{prefix}Themes</c>: the present themes, most probable first.</summary>
    public string PresentThemes { get; }

    /// <summary>How many columns are added: two per theme and the present themes.</summary>
    public int Count => (2 * Themes.Count) + 1;
}
