using ArticleThemes.Featurization;

namespace ArticleThemes.Scoring;

/// <summary>
/// A boosted tree ensemble read out of an ML.NET FastTree model: per tree, the split feature and threshold of each
/// inner node, its children (a negative child <c>~k</c> is leaf <c>k</c>) and the leaf values.
/// </summary>
internal sealed class TreeEnsemble
{
    public TreeEnsemble(double bias, RegressionTreeData[] trees)
    {
        Bias = bias;
        Trees = trees;
    }

    public double Bias { get; }

    public RegressionTreeData[] Trees { get; }

    /// <summary>The ensemble's raw score for the features in <paramref name="scratch"/>.</summary>
    public double Score(TextFeaturizer featurizer, FeatureScratch scratch, double norm)
    {
        double sum = Bias;
        foreach (var tree in Trees)
        {
            int node = 0;
            if (tree.SplitFeatures.Length == 0)
            {
                sum += tree.Weight * tree.LeafValues[0];
                continue;
            }

            while (node >= 0)
            {
                float value = featurizer.ValueOf(scratch, tree.SplitFeatures[node], norm);
                node = value <= tree.Thresholds[node] ? tree.LeftChildren[node] : tree.RightChildren[node];
            }

            sum += tree.Weight * tree.LeafValues[~node];
        }

        return sum;
    }
}

/// <summary>One regression tree of a <see cref="TreeEnsemble"/>.</summary>
internal sealed record RegressionTreeData(
    double Weight,
    int[] SplitFeatures,
    float[] Thresholds,
    int[] LeftChildren,
    int[] RightChildren,
    double[] LeafValues);
