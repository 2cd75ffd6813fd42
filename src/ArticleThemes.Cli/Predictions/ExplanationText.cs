using System.Globalization;
using ArticleThemes.Explanation;

namespace ArticleThemes.Cli.Predictions;

/// <summary>Prints explanations and passages for <c>predict --text</c>: each span in its context, highlighted.</summary>
internal static class ExplanationText
{
    private const int Context = 40;
    private const string Positive = "\u001b[1;32m";
    private const string Negative = "\u001b[1;31m";
    private const string Reset = "\u001b[0m";

    public static void WriteEvidence(TextWriter writer, string text, TextExplanation explanation, bool color)
    {
        var c = CultureInfo.InvariantCulture;
        writer.WriteLine();
        writer.WriteLine(color
            ? "Evidence, strongest first (contribution to the raw score; the span is highlighted, green for, red against):"
            : "Evidence, strongest first (contribution to the raw score; the span is in [brackets]):");
        foreach (var theme in explanation.Themes)
        {
            writer.WriteLine();
            writer.WriteLine(string.Create(c, $"{theme.Theme}: {(theme.IsPresent ? "present" : "absent")}, probability {theme.Probability:0.000} (threshold {theme.Threshold:0.000}); raw score {theme.RawScore:+0.000;-0.000;0.000} = bias {theme.Bias:+0.000;-0.000;0.000} + {theme.EvidenceCount} spans"));
            foreach (var e in theme.Evidence)
            {
                writer.WriteLine(string.Create(c, $"  {e.Contribution,8:+0.000;-0.000;0.000}  {InContext(text, e.Start, e.Length, color ? (e.Contribution >= 0 ? Positive : Negative) : null)}"));
            }

            if (!theme.IsExplained)
            {
                // Tree heads, or the accurate tier, whose evidence is its lexicon phrases and whose embedding belongs to no span.
                writer.WriteLine(string.Create(c, $"  {theme.OtherContribution,8:+0.000;-0.000;0.000}  (not explained span by span: the text as a whole{(theme.EvidenceCount > theme.Evidence.Count ? $", and {theme.EvidenceCount - theme.Evidence.Count} other phrases" : string.Empty)})"));
            }
            else if (theme.EvidenceCount > theme.Evidence.Count)
            {
                writer.WriteLine(string.Create(c, $"  {theme.OtherContribution,8:+0.000;-0.000;0.000}  ({theme.EvidenceCount - theme.Evidence.Count} other spans)"));
            }
        }
    }

    public static void WritePassages(TextWriter writer, string text, IReadOnlyList<PassagePrediction> passages)
    {
        var c = CultureInfo.InvariantCulture;
        writer.WriteLine();
        writer.WriteLine(string.Create(c, $"Passages ({passages.Count}), each classified on its own:"));
        foreach (var passage in passages)
        {
            string themes = passage.Prediction.IsEmpty ? "(none)" : string.Join(", ", passage.Prediction.Themes);
            string scores = string.Join(" ", passage.Prediction.Scores.Select(s => string.Create(c, $"{s.Theme} {s.Probability:0.00}")));
            writer.WriteLine(string.Create(c, $"  [{passage.Start}, +{passage.Length}] {themes}  ({scores})"));
            writer.WriteLine($"    {Flatten(Excerpt(text.AsSpan(passage.Start, passage.Length)))}");
        }
    }

    /// <summary>The span with up to <see cref="Context"/> characters on each side, on one line; the span in brackets or colour.</summary>
    internal static string InContext(string text, int start, int length, string? color)
    {
        int from = Math.Max(0, start - Context);
        int to = Math.Min(text.Length, start + length + Context);
        // Whole words of context: move each cut to the nearest white space inside it, if there is one.
        while (from > 0 && from < start && !char.IsWhiteSpace(text[from - 1]))
        {
            from++;
        }

        while (to < text.Length && to > start + length && !char.IsWhiteSpace(text[to]))
        {
            to--;
        }

        from = SafeBoundary(text, from);
        to = SafeBoundary(text, to);
        string before = (from > 0 ? "…" : string.Empty) + Flatten(text[from..start]);
        string after = Flatten(text[(start + length)..to]) + (to < text.Length ? "…" : string.Empty);
        string span = Flatten(text.Substring(start, length));
        return color is null ? $"{before}[{span}]{after}" : $"{before}{color}{span}{Reset}{after}";
    }

    /// <summary>Moves a cut off the middle of a surrogate pair.</summary>
    private static int SafeBoundary(string text, int index) =>
        index > 0 && index < text.Length && char.IsLowSurrogate(text[index]) && char.IsHighSurrogate(text[index - 1]) ? index - 1 : index;

    private static string Excerpt(ReadOnlySpan<char> passage)
    {
        const int Max = 100;
        if (passage.Length <= Max)
        {
            return passage.ToString();
        }

        int cut = passage.Length > Max && char.IsLowSurrogate(passage[Max]) ? Max - 1 : Max;
        return string.Concat(passage[..cut], "…");
    }

    /// <summary>Line breaks, tabs and control characters as spaces, so a span in context stays on one line.</summary>
    private static string Flatten(string text) =>
        string.Create(text.Length, text, (chars, source) =>
        {
            for (int i = 0; i < chars.Length; i++)
            {
                chars[i] = char.IsControl(source[i]) ? ' ' : source[i];
            }
        });
}
