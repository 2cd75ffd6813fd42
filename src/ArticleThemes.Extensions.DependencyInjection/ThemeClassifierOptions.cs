namespace ArticleThemes.Extensions.DependencyInjection;

/// <summary>Which model the registered <see cref="ThemeClassifier"/> loads.</summary>
public sealed class ThemeClassifierOptions
{
    /// <summary>
    /// Path of a model file written by <c>article-themes train</c>. Default <see langword="null"/>: the model embedded
    /// in the ArticleThemes assembly (<see cref="ThemeClassifier.LoadDefault"/>).
    /// </summary>
    public string? ModelPath { get; set; }
}
