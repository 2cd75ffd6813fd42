using System.Runtime.InteropServices;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms;

namespace ArticleThemes.MLNet;

/// <summary>
/// How a ClassifyThemes transformer is saved, self-contained. ML.NET 5 keeps its own save format and its loader
/// registry (<c>LoadableClass</c>, the writers of <see cref="ModelSaveContext"/>) internal, so a transformer from
/// another assembly cannot write state of its own. What is public: a custom mapping, which ML.NET saves as a contract
/// name and the assembly of its factory (loading that assembly and registering it by itself when the pipeline is
/// loaded), and ML.NET's own savable transformers. So the transformer is saved as a chain of them:
/// <list type="number">
/// <item>the text column copied to a fixed name;</item>
/// <item>an expression that gives every row the same short key, and a value mapping from that key to the model
/// file as base64 text: the model's bytes live in the saved pipeline, and every row refers to the same string;</item>
/// <item>the custom mapping <see cref="ContractName"/>, which loads the classifier from that text once (it keeps it
/// while the string is the same object) and writes the prediction into fixed slot columns, one pair per theme
/// position (a model has at most <see cref="MaxThemes"/> themes);</item>
/// <item>the slot columns copied to the transformer's column names, and every fixed column dropped.</item>
/// </list>
/// It loads back as that chain, with the same columns in the same order and the same values.
/// </summary>
internal static class SavedThemeMapping
{
    /// <summary>The contract saved in the pipeline; a new version of the mapping's columns needs a new contract.</summary>
    public const string ContractName = "ArticleThemes.ClassifyThemes.v1";

    /// <summary>The most themes a model has (the runtime's limit): one slot pair each.</summary>
    public const int MaxThemes = 31;

    private const string FixedPrefix = "ArticleThemes.MLNet.Saved.";
    private const string TextColumn = FixedPrefix + "Text";
    private const string KeyColumn = FixedPrefix + "ModelKey";
    private const string ModelColumn = FixedPrefix + "Model";
    private const string SlotPrefix = FixedPrefix + "Slot";
    private const string ThemesColumn = FixedPrefix + ThemeColumnNames.ThemesSuffix;
    private const string ModelKey = "model";

    /// <summary>The chain that stands for the transformer in a saved pipeline.</summary>
    public static ITransformer BuildSavable(ThemeClassifier classifier, string inputColumnName, ThemeColumnNames names)
    {
        var ml = new MLContext();
        string model = Convert.ToBase64String(classifier.GetModelFile().Span);
        bool copyText = !string.Equals(inputColumnName, TextColumn, StringComparison.Ordinal);
        var steps = new List<IEstimator<ITransformer>>();
        if (copyText)
        {
            steps.Add(ml.Transforms.CopyColumns(TextColumn, inputColumnName));
        }

        steps.Add(ml.Transforms.Expression(KeyColumn, "text => \"" + ModelKey + "\"", TextColumn));
        steps.Add(ml.Transforms.Conversion.MapValue(ModelColumn, [new KeyValuePair<string, string>(ModelKey, model)], KeyColumn));
        steps.Add(ml.Transforms.CustomMapping(new Factory().GetMapping(), ContractName));

        // In the transformer's column order: every probability, every decision, the present themes.
        var copied = new List<(string Output, string Input)>();
        for (int t = 0; t < names.Themes.Count; t++)
        {
            copied.Add((names.Probability[t], SlotName(t, ThemeColumnNames.ProbabilitySuffix)));
        }

        for (int t = 0; t < names.Themes.Count; t++)
        {
            copied.Add((names.IsPresent[t], SlotName(t, ThemeColumnNames.IsPresentSuffix)));
        }

        copied.Add((names.PresentThemes, ThemesColumn));
        steps.AddRange(copied.Select(c => ml.Transforms.CopyColumns(c.Output, c.Input)));

        var drop = new List<string> { KeyColumn, ModelColumn, ThemesColumn };
        for (int t = 0; t < MaxThemes; t++)
        {
            drop.Add(SlotName(t, ThemeColumnNames.ProbabilitySuffix));
            drop.Add(SlotName(t, ThemeColumnNames.IsPresentSuffix));
        }

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

        // Every step keys on column names alone, so the chain is fitted on an empty view with the text column.
        var builder = new DataViewSchema.Builder();
        builder.AddColumn(inputColumnName, TextDataViewType.Instance);
        return pipeline.Fit(new EmptyView(builder.ToSchema()));
    }

    private static string SlotName(int theme, string suffix) => SlotPrefix + theme.ToString("00", System.Globalization.CultureInfo.InvariantCulture) + suffix;

    /// <summary>The mapping's input: the text and the model file (base64), under fixed names.</summary>
    internal sealed class Input
    {
        [ColumnName(TextColumn)]
        public string? Text { get; set; }

        [ColumnName(ModelColumn)]
        public ReadOnlyMemory<char> Model { get; set; }
    }

    /// <summary>The mapping's output: a probability and a decision per theme position, and the present themes.</summary>
    internal sealed class Output
    {
        [ColumnName(ThemesColumn)]
        public string[] Themes { get; set; } = [];

        [ColumnName(SlotPrefix + "00" + ThemeColumnNames.ProbabilitySuffix)]
        public float P00 { get; set; }

        [ColumnName(SlotPrefix + "01" + ThemeColumnNames.ProbabilitySuffix)]
        public float P01 { get; set; }

        [ColumnName(SlotPrefix + "02" + ThemeColumnNames.ProbabilitySuffix)]
        public float P02 { get; set; }

        [ColumnName(SlotPrefix + "03" + ThemeColumnNames.ProbabilitySuffix)]
        public float P03 { get; set; }

        [ColumnName(SlotPrefix + "04" + ThemeColumnNames.ProbabilitySuffix)]
        public float P04 { get; set; }

        [ColumnName(SlotPrefix + "05" + ThemeColumnNames.ProbabilitySuffix)]
        public float P05 { get; set; }

        [ColumnName(SlotPrefix + "06" + ThemeColumnNames.ProbabilitySuffix)]
        public float P06 { get; set; }

        [ColumnName(SlotPrefix + "07" + ThemeColumnNames.ProbabilitySuffix)]
        public float P07 { get; set; }

        [ColumnName(SlotPrefix + "08" + ThemeColumnNames.ProbabilitySuffix)]
        public float P08 { get; set; }

        [ColumnName(SlotPrefix + "09" + ThemeColumnNames.ProbabilitySuffix)]
        public float P09 { get; set; }

        [ColumnName(SlotPrefix + "10" + ThemeColumnNames.ProbabilitySuffix)]
        public float P10 { get; set; }

        [ColumnName(SlotPrefix + "11" + ThemeColumnNames.ProbabilitySuffix)]
        public float P11 { get; set; }

        [ColumnName(SlotPrefix + "12" + ThemeColumnNames.ProbabilitySuffix)]
        public float P12 { get; set; }

        [ColumnName(SlotPrefix + "13" + ThemeColumnNames.ProbabilitySuffix)]
        public float P13 { get; set; }

        [ColumnName(SlotPrefix + "14" + ThemeColumnNames.ProbabilitySuffix)]
        public float P14 { get; set; }

        [ColumnName(SlotPrefix + "15" + ThemeColumnNames.ProbabilitySuffix)]
        public float P15 { get; set; }

        [ColumnName(SlotPrefix + "16" + ThemeColumnNames.ProbabilitySuffix)]
        public float P16 { get; set; }

        [ColumnName(SlotPrefix + "17" + ThemeColumnNames.ProbabilitySuffix)]
        public float P17 { get; set; }

        [ColumnName(SlotPrefix + "18" + ThemeColumnNames.ProbabilitySuffix)]
        public float P18 { get; set; }

        [ColumnName(SlotPrefix + "19" + ThemeColumnNames.ProbabilitySuffix)]
        public float P19 { get; set; }

        [ColumnName(SlotPrefix + "20" + ThemeColumnNames.ProbabilitySuffix)]
        public float P20 { get; set; }

        [ColumnName(SlotPrefix + "21" + ThemeColumnNames.ProbabilitySuffix)]
        public float P21 { get; set; }

        [ColumnName(SlotPrefix + "22" + ThemeColumnNames.ProbabilitySuffix)]
        public float P22 { get; set; }

        [ColumnName(SlotPrefix + "23" + ThemeColumnNames.ProbabilitySuffix)]
        public float P23 { get; set; }

        [ColumnName(SlotPrefix + "24" + ThemeColumnNames.ProbabilitySuffix)]
        public float P24 { get; set; }

        [ColumnName(SlotPrefix + "25" + ThemeColumnNames.ProbabilitySuffix)]
        public float P25 { get; set; }

        [ColumnName(SlotPrefix + "26" + ThemeColumnNames.ProbabilitySuffix)]
        public float P26 { get; set; }

        [ColumnName(SlotPrefix + "27" + ThemeColumnNames.ProbabilitySuffix)]
        public float P27 { get; set; }

        [ColumnName(SlotPrefix + "28" + ThemeColumnNames.ProbabilitySuffix)]
        public float P28 { get; set; }

        [ColumnName(SlotPrefix + "29" + ThemeColumnNames.ProbabilitySuffix)]
        public float P29 { get; set; }

        [ColumnName(SlotPrefix + "30" + ThemeColumnNames.ProbabilitySuffix)]
        public float P30 { get; set; }

        [ColumnName(SlotPrefix + "00" + ThemeColumnNames.IsPresentSuffix)]
        public bool B00 { get; set; }

        [ColumnName(SlotPrefix + "01" + ThemeColumnNames.IsPresentSuffix)]
        public bool B01 { get; set; }

        [ColumnName(SlotPrefix + "02" + ThemeColumnNames.IsPresentSuffix)]
        public bool B02 { get; set; }

        [ColumnName(SlotPrefix + "03" + ThemeColumnNames.IsPresentSuffix)]
        public bool B03 { get; set; }

        [ColumnName(SlotPrefix + "04" + ThemeColumnNames.IsPresentSuffix)]
        public bool B04 { get; set; }

        [ColumnName(SlotPrefix + "05" + ThemeColumnNames.IsPresentSuffix)]
        public bool B05 { get; set; }

        [ColumnName(SlotPrefix + "06" + ThemeColumnNames.IsPresentSuffix)]
        public bool B06 { get; set; }

        [ColumnName(SlotPrefix + "07" + ThemeColumnNames.IsPresentSuffix)]
        public bool B07 { get; set; }

        [ColumnName(SlotPrefix + "08" + ThemeColumnNames.IsPresentSuffix)]
        public bool B08 { get; set; }

        [ColumnName(SlotPrefix + "09" + ThemeColumnNames.IsPresentSuffix)]
        public bool B09 { get; set; }

        [ColumnName(SlotPrefix + "10" + ThemeColumnNames.IsPresentSuffix)]
        public bool B10 { get; set; }

        [ColumnName(SlotPrefix + "11" + ThemeColumnNames.IsPresentSuffix)]
        public bool B11 { get; set; }

        [ColumnName(SlotPrefix + "12" + ThemeColumnNames.IsPresentSuffix)]
        public bool B12 { get; set; }

        [ColumnName(SlotPrefix + "13" + ThemeColumnNames.IsPresentSuffix)]
        public bool B13 { get; set; }

        [ColumnName(SlotPrefix + "14" + ThemeColumnNames.IsPresentSuffix)]
        public bool B14 { get; set; }

        [ColumnName(SlotPrefix + "15" + ThemeColumnNames.IsPresentSuffix)]
        public bool B15 { get; set; }

        [ColumnName(SlotPrefix + "16" + ThemeColumnNames.IsPresentSuffix)]
        public bool B16 { get; set; }

        [ColumnName(SlotPrefix + "17" + ThemeColumnNames.IsPresentSuffix)]
        public bool B17 { get; set; }

        [ColumnName(SlotPrefix + "18" + ThemeColumnNames.IsPresentSuffix)]
        public bool B18 { get; set; }

        [ColumnName(SlotPrefix + "19" + ThemeColumnNames.IsPresentSuffix)]
        public bool B19 { get; set; }

        [ColumnName(SlotPrefix + "20" + ThemeColumnNames.IsPresentSuffix)]
        public bool B20 { get; set; }

        [ColumnName(SlotPrefix + "21" + ThemeColumnNames.IsPresentSuffix)]
        public bool B21 { get; set; }

        [ColumnName(SlotPrefix + "22" + ThemeColumnNames.IsPresentSuffix)]
        public bool B22 { get; set; }

        [ColumnName(SlotPrefix + "23" + ThemeColumnNames.IsPresentSuffix)]
        public bool B23 { get; set; }

        [ColumnName(SlotPrefix + "24" + ThemeColumnNames.IsPresentSuffix)]
        public bool B24 { get; set; }

        [ColumnName(SlotPrefix + "25" + ThemeColumnNames.IsPresentSuffix)]
        public bool B25 { get; set; }

        [ColumnName(SlotPrefix + "26" + ThemeColumnNames.IsPresentSuffix)]
        public bool B26 { get; set; }

        [ColumnName(SlotPrefix + "27" + ThemeColumnNames.IsPresentSuffix)]
        public bool B27 { get; set; }

        [ColumnName(SlotPrefix + "28" + ThemeColumnNames.IsPresentSuffix)]
        public bool B28 { get; set; }

        [ColumnName(SlotPrefix + "29" + ThemeColumnNames.IsPresentSuffix)]
        public bool B29 { get; set; }

        [ColumnName(SlotPrefix + "30" + ThemeColumnNames.IsPresentSuffix)]
        public bool B30 { get; set; }

        public void Set(int theme, float probability, bool isPresent)
        {
            switch (theme)
            {
                case 0:
                    P00 = probability;
                    B00 = isPresent;
                    break;
                case 1:
                    P01 = probability;
                    B01 = isPresent;
                    break;
                case 2:
                    P02 = probability;
                    B02 = isPresent;
                    break;
                case 3:
                    P03 = probability;
                    B03 = isPresent;
                    break;
                case 4:
                    P04 = probability;
                    B04 = isPresent;
                    break;
                case 5:
                    P05 = probability;
                    B05 = isPresent;
                    break;
                case 6:
                    P06 = probability;
                    B06 = isPresent;
                    break;
                case 7:
                    P07 = probability;
                    B07 = isPresent;
                    break;
                case 8:
                    P08 = probability;
                    B08 = isPresent;
                    break;
                case 9:
                    P09 = probability;
                    B09 = isPresent;
                    break;
                case 10:
                    P10 = probability;
                    B10 = isPresent;
                    break;
                case 11:
                    P11 = probability;
                    B11 = isPresent;
                    break;
                case 12:
                    P12 = probability;
                    B12 = isPresent;
                    break;
                case 13:
                    P13 = probability;
                    B13 = isPresent;
                    break;
                case 14:
                    P14 = probability;
                    B14 = isPresent;
                    break;
                case 15:
                    P15 = probability;
                    B15 = isPresent;
                    break;
                case 16:
                    P16 = probability;
                    B16 = isPresent;
                    break;
                case 17:
                    P17 = probability;
                    B17 = isPresent;
                    break;
                case 18:
                    P18 = probability;
                    B18 = isPresent;
                    break;
                case 19:
                    P19 = probability;
                    B19 = isPresent;
                    break;
                case 20:
                    P20 = probability;
                    B20 = isPresent;
                    break;
                case 21:
                    P21 = probability;
                    B21 = isPresent;
                    break;
                case 22:
                    P22 = probability;
                    B22 = isPresent;
                    break;
                case 23:
                    P23 = probability;
                    B23 = isPresent;
                    break;
                case 24:
                    P24 = probability;
                    B24 = isPresent;
                    break;
                case 25:
                    P25 = probability;
                    B25 = isPresent;
                    break;
                case 26:
                    P26 = probability;
                    B26 = isPresent;
                    break;
                case 27:
                    P27 = probability;
                    B27 = isPresent;
                    break;
                case 28:
                    P28 = probability;
                    B28 = isPresent;
                    break;
                case 29:
                    P29 = probability;
                    B29 = isPresent;
                    break;
                case 30:
                    P30 = probability;
                    B30 = isPresent;
                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(theme), $"A model has at most {MaxThemes} themes.");
            }
        }
    }

    /// <summary>
    /// Made by ML.NET (through the contract name) when a saved pipeline is loaded. The mapping loads the classifier
    /// from the model column the first time, and again only if a row brings another model string; cursors on many
    /// threads share it (the classifier is thread-safe; two threads may both load it once, harmlessly).
    /// </summary>
    [CustomMappingFactoryAttribute(ContractName)]
    internal sealed class Factory : CustomMappingFactory<Input, Output>
    {
        private LoadedModel? _loaded;

        public override Action<Input, Output> GetMapping() => (input, output) =>
        {
            var classifier = Classifier(input.Model);
            var prediction = classifier.Classify((input.Text ?? string.Empty).AsSpan());
            var probabilities = prediction.Probabilities;
            var present = prediction.Present;
            for (int t = 0; t < probabilities.Length; t++)
            {
                output.Set(t, probabilities[t], present.Contains(t));
            }

            output.Themes = [.. prediction.Themes];
        };

        private ThemeClassifier Classifier(ReadOnlyMemory<char> model)
        {
            var loaded = Volatile.Read(ref _loaded);
            if (loaded is not null && loaded.Matches(model))
            {
                return loaded.Classifier;
            }

            if (model.IsEmpty)
            {
                throw new InvalidOperationException("The saved ClassifyThemes pipeline has no model: its model column is empty. The pipeline file is damaged; save it again.");
            }

            byte[] bytes;
            try
            {
                bytes = Convert.FromBase64String(model.ToString());
            }
            catch (FormatException ex)
            {
                throw new InvalidOperationException("The saved ClassifyThemes pipeline's model is not base64 text. The pipeline file is damaged; save it again.", ex);
            }

            using var stream = new MemoryStream(bytes, writable: false);
            loaded = new LoadedModel(model, ThemeClassifier.Load(stream));
            Volatile.Write(ref _loaded, loaded);
            return loaded.Classifier;
        }
    }

    /// <summary>A classifier and the model text it was loaded from.</summary>
    private sealed class LoadedModel(ReadOnlyMemory<char> model, ThemeClassifier classifier)
    {
        private readonly string? _modelString = MemoryMarshal.TryGetString(model, out var text, out int start, out int length) && start == 0 && length == text.Length ? text : null;
        private readonly ReadOnlyMemory<char> _model = model;

        public ThemeClassifier Classifier { get; } = classifier;

        // The value mapping hands every row the same string, so this is a reference check; otherwise compare the text.
        public bool Matches(ReadOnlyMemory<char> model) =>
            (_modelString is not null && MemoryMarshal.TryGetString(model, out var text, out int start, out int length) && ReferenceEquals(text, _modelString) && start == 0 && length == text.Length)
            || model.Span.SequenceEqual(_model.Span);
    }

    /// <summary>An empty view of a given schema, to fit the saved chain on.</summary>
    private sealed class EmptyView(DataViewSchema schema) : IDataView
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
