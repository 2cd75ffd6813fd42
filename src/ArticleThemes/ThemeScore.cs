namespace ArticleThemes;

/// <summary>The probability of one theme for one text, and the decision taken at that theme's tuned threshold.</summary>
/// <param name="Theme">The theme's name, as the model names it.</param>
/// <param name="Probability">Calibrated probability, in [0, 1], that the theme is a substantial subject of the text.</param>
/// <param name="Threshold">The theme's decision threshold, tuned by cross-validation when the model was trained.</param>
/// <param name="IsPresent">Whether the theme is present: the probability is at or above the threshold.</param>
public readonly record struct ThemeScore(string Theme, float Probability, float Threshold, bool IsPresent);
