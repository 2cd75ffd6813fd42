using ArticleThemes.Evaluation;
using ArticleThemes.Evaluation.Baselines;
using ArticleThemes.Tests.TestSupport;

namespace ArticleThemes.Tests.Explanation;

public class WorstErrorEvidenceTests
{
    [Fact]
    public void Every_wrong_decision_in_the_report_shows_the_spans_that_pushed_it()
    {
        var result = Evaluator.Evaluate(TestData.Default, TestData.Corpus, Array.Empty<IBaseline>());
        string markdown = EvaluationMarkdown.Write(result, []);

        Assert.NotEmpty(result.WorstErrors);
        foreach (var error in result.WorstErrors)
        {
            Assert.NotNull(error.Explanation);
            var wrong = error.Predicted ^ MetricsCalculator.LabelMask(result.Themes, error.Document);
            for (int t = 0; t < result.Themes.Count; t++)
            {
                if (!wrong.Contains(t))
                {
                    continue;
                }

                bool said = error.Predicted.Contains(t);
                var theme = error.Explanation.Themes[t];
                var push = theme.Evidence.Where(e => said ? e.Contribution > 0 : e.Contribution < 0).MaxBy(e => Math.Abs(e.Contribution));
                string verdict = said ? "wrongly present" : "missed";
                Assert.Contains($"   - **{result.Themes[t]}** {verdict} (", markdown, StringComparison.Ordinal);
                if (push is not null)
                {
                    Assert.Contains($"`{string.Join(' ', push.Text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))}` ", markdown, StringComparison.Ordinal);
                }
            }
        }
    }
}
