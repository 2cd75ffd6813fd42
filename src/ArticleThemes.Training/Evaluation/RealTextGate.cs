using System.Globalization;

namespace ArticleThemes.Evaluation;

/// <summary>
/// The bars a model must clear on a real-text evaluation set. <see cref="Fast"/> holds the targets set for the
/// default tier; a gate fails with one sentence per bar missed.
/// </summary>
internal sealed record RealTextGate(double MinMacroF1, double MinSourceThemeF1, int SourceThemeMinPositives, double MaxFalseAlarmRate, double MinLeadOverKeywords)
{
    /// <summary>The targets of the default (fast) tier: macro-F1 ≥ 0.85; F1 ≥ 0.75 for every source and theme with ≥ 50 positives; ≤ 10 % false alarms on every source with no-theme texts; ≥ 0.08 above the keyword baseline.</summary>
    public static RealTextGate Fast { get; } = new(0.85, 0.75, 50, 0.10, 0.08);

    /// <summary>The accurate tier's targets: the fast tier's, with macro-F1 ≥ 0.88.</summary>
    public static RealTextGate Accurate { get; } = Fast with { MinMacroF1 = 0.88 };

    /// <summary>The targets of a tier (<see cref="ModelTiers"/>).</summary>
    public static RealTextGate For(string tier) => tier == ModelTiers.Accurate ? Accurate : Fast;

    /// <summary>Every bar <paramref name="evaluation"/> misses, as a sentence; empty when it clears them all.</summary>
    public IReadOnlyList<string> Check(RealTextEvaluation evaluation, string keywordBaseline)
    {
        ArgumentNullException.ThrowIfNull(evaluation);
        var c = CultureInfo.InvariantCulture;
        var misses = new List<string>();
        double macro = RealTextEvaluation.MacroF1(evaluation.Model.Overall);
        if (!(macro >= MinMacroF1))
        {
            misses.Add(string.Create(c, $"macro-F1 {macro:0.000} is below {MinMacroF1:0.000}."));
        }

        foreach (var (source, metrics) in evaluation.Model.Sources)
        {
            foreach (var theme in metrics.Themes.Where(t => t.Support >= SourceThemeMinPositives && t.F1 < MinSourceThemeF1))
            {
                misses.Add(string.Create(c, $"{source}, {theme.Theme} ({theme.Support} positives): F1 {theme.F1:0.000} is below {MinSourceThemeF1:0.000}."));
            }

            if (metrics.NoThemeDocuments > 0 && metrics.FalseAlarmRate > MaxFalseAlarmRate)
            {
                misses.Add(string.Create(c, $"{source}: false alarms on {metrics.FalseAlarmRate:P1} of {metrics.NoThemeDocuments} no-theme texts, above {MaxFalseAlarmRate:P0}."));
            }
        }

        var keywords = evaluation.Baselines.FirstOrDefault(b => b.Predictor == keywordBaseline);
        if (keywords is not null)
        {
            double lead = macro - RealTextEvaluation.MacroF1(keywords.Overall);
            if (!(lead >= MinLeadOverKeywords))
            {
                misses.Add(string.Create(c, $"macro-F1 is {lead:+0.000;-0.000} against the keyword baseline; at least +{MinLeadOverKeywords:0.000} is required."));
            }
        }

        return misses;
    }
}
