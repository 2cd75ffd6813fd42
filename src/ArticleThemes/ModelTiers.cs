namespace ArticleThemes;

/// <summary>The names of the model tiers (<see cref="ModelInfo.Tier"/>).</summary>
public static class ModelTiers
{
    /// <summary>The default tier: hashed words, word pairs and character chunks plus the theme lexicon; <see cref="ThemeClassifier"/>.</summary>
    public const string Fast = "fast";

    /// <summary>Sentence embeddings plus the theme lexicon; the <c>ArticleThemes.Semantic</c> package.</summary>
    public const string Accurate = "accurate";
}
