namespace ArticleThemes.Explanation;

/// <summary>
/// Why one theme got its probability for one text: the raw score that the calibration turns into the
/// probability, split into the head's bias and the contributions of spans of the text.
/// </summary>
/// <remarks>
/// <para>
/// For a linear head (the default model's L-BFGS heads, and SDCA) the split is exact:
/// <c><see cref="Bias"/> + Σ <see cref="Evidence"/>.Contribution + <see cref="OtherContribution"/> = <see cref="RawScore"/></c>
/// up to rounding (well within 1e-4). A hashed feature's value is <c>(1 + ln k) / norm</c> for a feature seen
/// <c>k</c> times, where <c>norm</c> is the length of the text's feature vector; a lexicon group's value is
/// <c>ln(1 + matches)</c>, not scaled. Each contribution is the head's weight times that value, shared equally among
/// the feature's occurrences. Because the norm depends on the whole text, a span's contribution is its effect in
/// this text, not a fixed property of the words.
/// </para>
/// <para>
/// Tree heads (FastTree models) are not explained: <see cref="IsExplained"/> is <see langword="false"/>,
/// <see cref="Evidence"/> is empty, <see cref="Bias"/> is 0 and <see cref="OtherContribution"/> is the whole raw score.
/// </para>
/// </remarks>
public sealed class ThemeExplanation
{
    internal ThemeExplanation(ThemeScore score, double rawScore, double bias, IReadOnlyList<Evidence> evidence, double otherContribution, int evidenceCount, bool isExplained)
    {
        Theme = score.Theme;
        Probability = score.Probability;
        Threshold = score.Threshold;
        IsPresent = score.IsPresent;
        RawScore = rawScore;
        Bias = bias;
        Evidence = evidence;
        OtherContribution = otherContribution;
        EvidenceCount = evidenceCount;
        IsExplained = isExplained;
    }

    /// <summary>The theme's name.</summary>
    public string Theme { get; }

    /// <summary>The calibrated probability, the same as <see cref="ThemeClassifier.Classify(string)"/> gives.</summary>
    public float Probability { get; }

    /// <summary>The theme's decision threshold.</summary>
    public float Threshold { get; }

    /// <summary>The decision, the same as <see cref="ThemeClassifier.Classify(string)"/> gives.</summary>
    public bool IsPresent { get; }

    /// <summary>The head's score before calibration: the probability is the Platt calibration of this value.</summary>
    public double RawScore { get; }

    /// <summary>The head's bias: the raw score of a text with no feature.</summary>
    public double Bias { get; }

    /// <summary>
    /// The strongest spans for this theme, largest absolute contribution first (ties in text order), at most the
    /// <c>maxEvidence</c> asked for. Spans whose contribution is exactly zero are left out.
    /// </summary>
    public IReadOnlyList<Evidence> Evidence { get; }

    /// <summary>The summed contribution of the spans not listed in <see cref="Evidence"/>.</summary>
    public double OtherContribution { get; }

    /// <summary>How many spans contributed (listed or not).</summary>
    public int EvidenceCount { get; }

    /// <summary>
    /// Whether the head is explained span by span: <see langword="true"/> for linear heads, <see langword="false"/>
    /// for tree heads (then only <see cref="RawScore"/>, the probability and the decision are given).
    /// </summary>
    public bool IsExplained { get; }

    /// <inheritdoc/>
    public override string ToString() =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Theme} {Probability:0.000} ({(IsPresent ? "present" : "absent")}): raw {RawScore:0.0000} = bias {Bias:0.0000} + {EvidenceCount} spans");
}
