namespace ArticleThemes.Evaluation;

/// <summary>What one predictor said about each evaluated document: a bit mask of themes, and probabilities when it has them.</summary>
internal sealed record PredictorResult(string Name, string Description, int[] Predicted, float[][]? Probabilities);
