namespace ArticleThemes;

/// <summary>
/// Well-known names of the themes the default model labels. A model trained on other labels has its own names,
/// listed by <see cref="ThemeClassifier.Themes"/>.
/// </summary>
public static class ThemeNames
{
    /// <summary>People moving across borders and the policy around it.</summary>
    public const string Migration = "migration";

    /// <summary>Armed force and its build-up.</summary>
    public const string Militarization = "militarization";

    /// <summary>Exchange of goods, services and capital across borders and the policy around it.</summary>
    public const string Trade = "trade";
}
