namespace ArticleThemes.Evaluation;

/// <summary>What one predictor said about each evaluated document: its themes, and probabilities when it has them.</summary>
internal sealed record PredictorResult(string Name, string Description, ThemeMask[] Predicted, float[][]? Probabilities);
