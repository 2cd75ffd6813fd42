using ArticleThemes.Scoring;
using Microsoft.ML;
using Microsoft.ML.Calibrators;
using Microsoft.ML.Trainers;
using Microsoft.ML.Trainers.FastTree;

namespace ArticleThemes.Training;

/// <summary>
/// Reads a trained ML.NET head's parameters — linear weights and bias, or the tree ensemble — and its Platt
/// calibrator into a <see cref="CompiledHead"/> for the hot path.
/// </summary>
internal static class HeadCompiler
{
    /// <param name="head">The loaded ML.NET head.</param>
    /// <param name="trainer">The trainer's name, kept with the head.</param>
    /// <param name="dimension">The featurizer's number of slots.</param>
    /// <param name="inputSlots">For a head trained on selected slots, the slot of each of its features; null when it reads every slot.</param>
    public static CompiledHead Compile(ITransformer head, string trainer, int dimension, int[]? inputSlots = null)
    {
        if (head is not ISingleFeaturePredictionTransformer<object> prediction)
        {
            throw new NotSupportedException($"A head must be an ML.NET binary prediction transformer, not {head.GetType().Name}.");
        }

        if (prediction.Model is not CalibratedModelParametersBase calibrated || calibrated.Calibrator is not PlattCalibrator platt)
        {
            throw new NotSupportedException($"A head must be Platt-calibrated; this one is {prediction.Model.GetType().Name}.");
        }

        var calibration = new PlattCalibration(platt.Slope, platt.Offset);
        switch (calibrated.SubModel)
        {
            case LinearBinaryModelParameters linear:
                if (inputSlots is not null || linear.Weights.Count != dimension)
                {
                    throw new NotSupportedException($"The linear head has {linear.Weights.Count} weights; the featurizer has {dimension} slots.");
                }

                var weights = new float[dimension];
                int i = 0;
                foreach (float w in linear.Weights)
                {
                    weights[i++] = w;
                }

                return new CompiledHead(trainer, calibration, new LinearWeights(weights, linear.Bias), null);

            case FastTreeBinaryModelParameters trees:
                var ensemble = trees.TrainedTreeEnsemble;
                var compiled = new RegressionTreeData[ensemble.Trees.Count];
                for (int t = 0; t < compiled.Length; t++)
                {
                    var tree = ensemble.Trees[t];
                    if (tree.CategoricalSplitFlags.Any(flag => flag))
                    {
                        throw new NotSupportedException("Categorical tree splits are not supported; text features are numeric.");
                    }

                    compiled[t] = new RegressionTreeData(
                        ensemble.TreeWeights[t],
                        tree.NumericalSplitFeatureIndexes.Select(k => inputSlots is null ? k : inputSlots[k]).ToArray(),
                        tree.NumericalSplitThresholds.ToArray(),
                        tree.LeftChild.ToArray(),
                        tree.RightChild.ToArray(),
                        tree.LeafValues.ToArray());
                }

                return new CompiledHead(trainer, calibration, null, new TreeEnsemble(ensemble.Bias, compiled));

            default:
                throw new NotSupportedException($"Heads of type {calibrated.SubModel.GetType().Name} are not supported.");
        }
    }
}
