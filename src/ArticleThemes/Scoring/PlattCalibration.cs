namespace ArticleThemes.Scoring;

/// <summary>ML.NET's Platt calibrator: <c>p = 1 / (1 + exp(slope * score + offset))</c>.</summary>
internal readonly record struct PlattCalibration(double Slope, double Offset)
{
    public float Probability(double score) => (float)(1.0 / (1.0 + Math.Exp((Slope * score) + Offset)));
}
