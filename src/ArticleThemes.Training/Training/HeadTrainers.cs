using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using Microsoft.ML.Trainers.FastTree;

namespace ArticleThemes.Training;

/// <summary>
/// The ML.NET binary trainers of one theme head, with the settings we train them with. Every trainer runs on one
/// thread: SDCA and L-BFGS give different results from run to run when they race threads, and a fixed seed must
/// give the same model.
/// </summary>
internal static class HeadTrainers
{
    public const string LabelColumn = "Label";
    public const string FeaturesColumn = "Features";

    // Chosen by cross-validation on the training split of data/corpus.jsonl (see docs/model-report). SDCA's L2 is
    // the accurate tier's by the one-standard-error rule below: 0.916 at 3e-5, 0.912 at 1e-4, 0.903 at 3e-4.
    private const float SdcaL2 = 1e-4f;
    private const int SdcaIterations = 100;
    private const float LbfgsL1 = 0f;
    private const float LbfgsL2 = 1e-3f;

    // L-BFGS on the fast tier's hashed features: the strongest L2 whose writer-held-out cross-validated macro-F1 is
    // within one standard error (across folds) of the best — 0.918 from 3e-4 to 1e-2, 0.915 at 0.1, 0.907 at 0.3,
    // standard error 0.004. Cross-validation cannot tell those apart, and the weaker settings give neutral words
    // ("essential", "percent") weights large enough to outvote a theme word in a short sentence: they fit words this
    // corpus's writers happened to share. On real text the stronger setting did better (CHANGELOG).
    private const float HashedLbfgsL2 = 0.1f;
    private const int Trees = 100;
    private const int Leaves = 16;
    private const int MinimumLeafCount = 3;
    private const double TreeLearningRate = 0.1;

    public static IEstimator<ITransformer> Create(MLContext mlContext, TrainerKind kind, int seed, float? l2 = null, HeadFeatures features = HeadFeatures.Embedding) => kind switch
    {
        TrainerKind.Sdca => mlContext.BinaryClassification.Trainers.SdcaLogisticRegression(new SdcaLogisticRegressionBinaryTrainer.Options
        {
            LabelColumnName = LabelColumn,
            FeatureColumnName = FeaturesColumn,
            L2Regularization = l2 ?? SdcaL2,
            L1Regularization = 0,
            MaximumNumberOfIterations = SdcaIterations,
            NumberOfThreads = 1,
            Shuffle = true,
        }),
        TrainerKind.Lbfgs => mlContext.BinaryClassification.Trainers.LbfgsLogisticRegression(new LbfgsLogisticRegressionBinaryTrainer.Options
        {
            LabelColumnName = LabelColumn,
            FeatureColumnName = FeaturesColumn,
            L1Regularization = LbfgsL1,
            L2Regularization = l2 ?? DefaultLbfgsL2(features),
            NumberOfThreads = 1,
        }),
        TrainerKind.FastTree => mlContext.BinaryClassification.Trainers.FastTree(new FastTreeBinaryTrainer.Options
        {
            LabelColumnName = LabelColumn,
            FeatureColumnName = FeaturesColumn,
            NumberOfTrees = Trees,
            NumberOfLeaves = Leaves,
            MinimumExampleCountPerLeaf = MinimumLeafCount,
            LearningRate = TreeLearningRate,
            NumberOfThreads = 1,
            FeatureFlocks = false,
            Seed = seed,
        }),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Pick one trainer; 'auto' chooses among them."),
    };

    /// <summary>The settings <see cref="Create"/> uses, for <see cref="ModelInfo.TrainerSettings"/>.</summary>
    public static Dictionary<string, string> Settings(TrainerKind kind, float? l2 = null, HeadFeatures features = HeadFeatures.Embedding)
    {
        var c = CultureInfo.InvariantCulture;
        return kind switch
        {
            TrainerKind.Sdca => new(StringComparer.Ordinal)
            {
                ["estimator"] = "SdcaLogisticRegression",
                ["l2Regularization"] = (l2 ?? SdcaL2).ToString(c),
                ["l1Regularization"] = "0",
                ["maximumNumberOfIterations"] = SdcaIterations.ToString(c),
                ["numberOfThreads"] = "1",
            },
            TrainerKind.Lbfgs => new(StringComparer.Ordinal)
            {
                ["estimator"] = "LbfgsLogisticRegression",
                ["l1Regularization"] = LbfgsL1.ToString(c),
                ["l2Regularization"] = (l2 ?? DefaultLbfgsL2(features)).ToString(c),
                ["numberOfThreads"] = "1",
            },
            TrainerKind.FastTree => new(StringComparer.Ordinal)
            {
                ["estimator"] = "FastTree",
                ["numberOfTrees"] = Trees.ToString(c),
                ["numberOfLeaves"] = Leaves.ToString(c),
                ["minimumExampleCountPerLeaf"] = MinimumLeafCount.ToString(c),
                ["learningRate"] = TreeLearningRate.ToString(c),
                ["calibrator"] = "Platt",
                ["numberOfThreads"] = "1",
            },
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
        };
    }

    private static float DefaultLbfgsL2(HeadFeatures features) => features == HeadFeatures.Hashed ? HashedLbfgsL2 : LbfgsL2;

    /// <summary>The schema of a head's input: a boolean label and the featurizer's fixed-size vector.</summary>
    public static SchemaDefinition InputSchema(int dimension)
    {
        var schema = SchemaDefinition.Create(typeof(FeatureRow));
        schema[FeaturesColumn].ColumnType = new VectorDataViewType(NumberDataViewType.Single, dimension);
        return schema;
    }
}

/// <summary>What a head reads, which sets its default regularization.</summary>
internal enum HeadFeatures
{
    /// <summary>Dense inputs: the accurate tier's sentence embeddings and lexicon counts.</summary>
    Embedding,

    /// <summary>The fast tier's hashed text features (with the lexicon counts and the word-vector block).</summary>
    Hashed,
}

/// <summary>One document as a head sees it.</summary>
internal sealed class FeatureRow
{
    public bool Label { get; set; }

    public VBuffer<float> Features { get; set; }
}

/// <summary>What a head outputs for a document.</summary>
internal sealed class HeadOutput
{
    public float Score { get; set; }

    public float Probability { get; set; }
}
