using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms;

namespace ArticleThemes.MLNet;

/// <summary>
/// How a ClassifyThemes transformer is saved. ML.NET 5 keeps its own save format and its loader registry
/// (<c>LoadableClass</c>, the writers of <see cref="ModelSaveContext"/>) internal, so a transformer from another
/// assembly cannot write state of its own. The one public way is a custom mapping: ML.NET saves a contract name and
/// the assembly that holds its factory, and on load it loads that assembly and registers it with the component
/// catalog by itself. So the transformer is saved as a chain of public, savable ML.NET transformers — copy the text
/// column to a fixed name, the mapping of the default model under the contract below, copy its fixed columns to the
/// transformer's names, drop the fixed ones — and loads back as that chain, with the same output columns and values.
/// The factory can only load the model by name, so only the embedded default model can be saved this way.
/// </summary>
internal static class DefaultModelMapping
{
    /// <summary>The contract saved in the model file; version it when the mapping's columns change.</summary>
    public const string ContractName = "ArticleThemes.ClassifyThemes.DefaultModel.v1";

    private const string FixedPrefix = "ArticleThemes.MLNet.Saved.";
    public const string TextColumn = FixedPrefix + "Text";

    /// <summary>The themes of the default model, in its order: the columns of <see cref="Scores"/>.</summary>
    public static readonly string[] Themes = [ThemeNames.Migration, ThemeNames.Militarization, ThemeNames.Trade];

    public static readonly ThemeColumnNames FixedNames = new(FixedPrefix, Themes);

    /// <summary>The chain that stands for the transformer in a saved model.</summary>
    public static ITransformer BuildSavable(ThemeClassifier classifier, string inputColumnName, ThemeColumnNames names)
    {
        if (!classifier.IsDefaultModel)
        {
            throw new NotSupportedException(
                "This ClassifyThemes transformer uses a model loaded from a file or stream, and ML.NET 5 lets a transform from outside ML.NET save no state of its own, " +
                "so only a pipeline that uses the embedded default model (ThemeClassifier.LoadDefault(), or ClassifyThemes without a classifier) can be saved. " +
                "Save the pipeline without ClassifyThemes, and after loading it append mlContext.Transforms.Text.ClassifyThemes(prefix, column, ThemeClassifier.Load(modelPath)) again.");
        }

        if (!classifier.Themes.SequenceEqual(Themes, StringComparer.Ordinal))
        {
            throw new NotSupportedException($"The embedded default model's themes ({string.Join(", ", classifier.Themes)}) are not those this version of ArticleThemes.MLNet saves ({string.Join(", ", Themes)}); use matching versions of ArticleThemes and ArticleThemes.MLNet.");
        }

        var ml = new MLContext();
        // The chain is fitted on a one-column view of the right type: every step keys on names alone.
        var builder = new DataViewSchema.Builder();
        builder.AddColumn(inputColumnName, TextDataViewType.Instance);
        var input = new EmptyTextView(builder.ToSchema());

        bool copyText = !string.Equals(inputColumnName, TextColumn, StringComparison.Ordinal);
        var steps = new List<IEstimator<ITransformer>>();
        if (copyText)
        {
            steps.Add(ml.Transforms.CopyColumns(TextColumn, inputColumnName));
        }

        steps.Add(ml.Transforms.CustomMapping(Factory.GetMapping(classifier), ContractName));
        var copied = new List<(string Output, string Input)>();
        // In the transformer's column order: every probability, every decision, the present themes.
        for (int t = 0; t < Themes.Length; t++)
        {
            copied.Add((names.Probability[t], FixedNames.Probability[t]));
        }

        for (int t = 0; t < Themes.Length; t++)
        {
            copied.Add((names.IsPresent[t], FixedNames.IsPresent[t]));
        }

        copied.Add((names.PresentThemes, FixedNames.PresentThemes));
        steps.AddRange(copied.Select(c => ml.Transforms.CopyColumns(c.Output, c.Input)));
        var drop = copied.Select(c => c.Input).ToList();
        if (copyText)
        {
            drop.Add(TextColumn);
        }

        steps.Add(ml.Transforms.DropColumns([.. drop]));
        var pipeline = new EstimatorChain<ITransformer>();
        foreach (var step in steps)
        {
            pipeline = pipeline.Append(step);
        }

        return pipeline.Fit(input);
    }

    /// <summary>The mapping's input: the text under a fixed name.</summary>
    internal sealed class Text
    {
        [ColumnName(TextColumn)]
        public string? Value { get; set; }
    }

    /// <summary>The mapping's output, for the default model's three themes.</summary>
    internal sealed class Scores
    {
        [ColumnName(FixedPrefix + ThemeNames.Migration + ThemeColumnNames.ProbabilitySuffix)]
        public float MigrationProbability { get; set; }

        [ColumnName(FixedPrefix + ThemeNames.Militarization + ThemeColumnNames.ProbabilitySuffix)]
        public float MilitarizationProbability { get; set; }

        [ColumnName(FixedPrefix + ThemeNames.Trade + ThemeColumnNames.ProbabilitySuffix)]
        public float TradeProbability { get; set; }

        [ColumnName(FixedPrefix + ThemeNames.Migration + ThemeColumnNames.IsPresentSuffix)]
        public bool MigrationIsPresent { get; set; }

        [ColumnName(FixedPrefix + ThemeNames.Militarization + ThemeColumnNames.IsPresentSuffix)]
        public bool MilitarizationIsPresent { get; set; }

        [ColumnName(FixedPrefix + ThemeNames.Trade + ThemeColumnNames.IsPresentSuffix)]
        public bool TradeIsPresent { get; set; }

        [ColumnName(FixedPrefix + ThemeColumnNames.ThemesSuffix)]
        public string[] Themes { get; set; } = [];
    }

    /// <summary>Found by ML.NET through the contract name when a saved pipeline is loaded; loads the default model once per load.</summary>
    [CustomMappingFactoryAttribute(ContractName)]
    internal sealed class Factory : CustomMappingFactory<Text, Scores>
    {
        public override Action<Text, Scores> GetMapping() => GetMapping(ThemeClassifier.LoadDefault());

        public static Action<Text, Scores> GetMapping(ThemeClassifier classifier) => (text, scores) =>
        {
            var prediction = classifier.Classify((text.Value ?? string.Empty).AsSpan());
            var p = prediction.Probabilities;
            int mask = prediction.PresentMask;
            scores.MigrationProbability = p[0];
            scores.MilitarizationProbability = p[1];
            scores.TradeProbability = p[2];
            scores.MigrationIsPresent = (mask & 1) != 0;
            scores.MilitarizationIsPresent = (mask & 2) != 0;
            scores.TradeIsPresent = (mask & 4) != 0;
            scores.Themes = [.. prediction.Themes];
        };
    }

    /// <summary>An empty view of a given schema, to fit the saved chain on.</summary>
    private sealed class EmptyTextView(DataViewSchema schema) : IDataView
    {
        public bool CanShuffle => false;

        public DataViewSchema Schema => schema;

        public long? GetRowCount() => 0;

        public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null) => new EmptyCursor(schema);

        public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) => [new EmptyCursor(schema)];
    }

    private sealed class EmptyCursor(DataViewSchema schema) : DataViewRowCursor
    {
        public override long Position => -1;

        public override long Batch => 0;

        public override DataViewSchema Schema => schema;

        public override bool MoveNext() => false;

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column) => (ref TValue value) => throw new InvalidOperationException("An empty view has no rows to read.");

        public override ValueGetter<DataViewRowId> GetIdGetter() => (ref DataViewRowId value) => throw new InvalidOperationException("An empty view has no rows to read.");

        public override bool IsColumnActive(DataViewSchema.Column column) => true;
    }
}
