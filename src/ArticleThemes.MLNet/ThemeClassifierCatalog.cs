using Microsoft.ML;

namespace ArticleThemes.MLNet;

/// <summary>ClassifyThemes on ML.NET's text transforms catalog: <c>mlContext.Transforms.Text.ClassifyThemes(...)</c>.</summary>
public static class ThemeClassifierCatalog
{
    /// <summary>
    /// Adds every theme's probability and decision, and the present themes, of the embedded default model
    /// (<see cref="ThemeClassifier.LoadDefault"/>, loaded once, now).
    /// </summary>
    /// <param name="catalog">The text transforms catalog.</param>
    /// <param name="outputPrefix">Put before every added column's name, e.g. <c>"Themes."</c> gives
    /// <c>Themes.migration.Probability</c>, <c>Themes.migration.IsPresent</c>, ..., <c>Themes.Themes</c>. May be empty.</param>
    /// <param name="inputColumnName">The text column to classify (ML.NET type String).</param>
    /// <returns>The estimator; its <see cref="ThemeClassifierEstimator.Fit"/> trains nothing.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="inputColumnName"/> is empty.</exception>
    /// <exception cref="ThemeModelException">The default model cannot be loaded.</exception>
    public static ThemeClassifierEstimator ClassifyThemes(this TransformsCatalog.TextTransforms catalog, string outputPrefix, string inputColumnName)
    {
        Check(catalog, outputPrefix, inputColumnName);
        return new ThemeClassifierEstimator(ThemeClassifier.LoadDefault(), outputPrefix, inputColumnName);
    }

    /// <summary>
    /// Adds, for every theme of <paramref name="classifier"/>, a <see cref="float"/> column
    /// <c>{outputPrefix}{theme}.Probability</c> and a <see cref="bool"/> column <c>{outputPrefix}{theme}.IsPresent</c>,
    /// and a variable-length text vector <c>{outputPrefix}Themes</c> with the present themes, most probable first:
    /// exactly what <see cref="ThemeClassifier.Classify(string)"/> gives for the row's text.
    /// </summary>
    /// <param name="catalog">The text transforms catalog.</param>
    /// <param name="outputPrefix">Put before every added column's name; may be empty.</param>
    /// <param name="inputColumnName">The text column to classify (ML.NET type String).</param>
    /// <param name="classifier">The classifier, shared by every cursor (it is thread-safe). A saved pipeline holds its
    /// model file (see <see cref="ThemeClassifierTransformer"/>).</param>
    /// <returns>The estimator; its <see cref="ThemeClassifierEstimator.Fit"/> trains nothing.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="inputColumnName"/> is empty.</exception>
    public static ThemeClassifierEstimator ClassifyThemes(this TransformsCatalog.TextTransforms catalog, string outputPrefix, string inputColumnName, ThemeClassifier classifier)
    {
        Check(catalog, outputPrefix, inputColumnName);
        ArgumentNullException.ThrowIfNull(classifier);
        return new ThemeClassifierEstimator(classifier, outputPrefix, inputColumnName);
    }

    private static void Check(TransformsCatalog.TextTransforms catalog, string outputPrefix, string inputColumnName)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(outputPrefix);
        ArgumentException.ThrowIfNullOrEmpty(inputColumnName);
    }
}
