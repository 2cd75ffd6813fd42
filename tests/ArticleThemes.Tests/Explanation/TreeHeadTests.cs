using ArticleThemes.Explanation;
using ArticleThemes.Featurization;
using ArticleThemes.Scoring;

namespace ArticleThemes.Tests.Explanation;

public class TreeHeadTests
{
    [Fact]
    public void A_tree_head_is_flagged_unexplained_and_a_linear_head_beside_it_still_adds_up()
    {
        var featurizer = new TextFeaturizer(new FeaturizerOptions { HashBits = 10 });
        var random = new Random(7);
        var weights = Enumerable.Range(0, featurizer.FeatureCount).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
        var linear = new CompiledHead("lbfgs", new PlattCalibration(-1, 0), new LinearWeights(weights, 0.25), null);
        var stump = new RegressionTreeData(1.0, [3], [0.05f], [~0], [~1], [-0.5, 0.75]);
        var trees = new CompiledHead("fasttree", new PlattCalibration(-1, 0), null, new TreeEnsemble(0.1, [stump]));
        var scorer = new CompiledScorer(featurizer, [linear, trees]);
        var themes = new ThemeSet(["linear", "trees"], [0.5f, 0.5f]);
        const string Text = "Soldiers were sent to the border; tariffs on steel rose, and the soldiers stayed at the border.";

        var probabilities = new float[2];
        var raw = new double[2];
        scorer.Score(Text, probabilities, raw);
        var prediction = new ThemePrediction(themes, probabilities, themes.Decide(probabilities));
        var explained = Explainer.Explain(scorer, Text, prediction, raw, int.MaxValue);

        Assert.True(explained[0].IsExplained);
        Assert.NotEmpty(explained[0].Evidence);
        Assert.True(Math.Abs(explained[0].Bias + explained[0].Evidence.Sum(e => e.Contribution) - explained[0].RawScore) < 1e-4);
        Assert.False(explained[1].IsExplained);
        Assert.Empty(explained[1].Evidence);
        Assert.Equal(explained[1].RawScore, explained[1].OtherContribution);
        Assert.Equal(probabilities[1], explained[1].Probability);
    }
}
