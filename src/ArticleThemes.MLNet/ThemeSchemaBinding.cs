using Microsoft.ML;
using Microsoft.ML.Data;

namespace ArticleThemes.MLNet;

/// <summary>
/// ClassifyThemes bound to one input schema: where the text column is, and the output schema — the input's columns
/// at their own indices (a column whose name the transform reuses stays, hidden, as in ML.NET's own transforms),
/// then the probability of every theme, its decision, and the present themes.
/// </summary>
internal sealed class ThemeSchemaBinding
{
    public ThemeSchemaBinding(DataViewSchema inputSchema, string inputColumnName, ThemeColumnNames names, ThemeClassifier classifier)
    {
        InputSchema = inputSchema;
        TextColumn = FindTextColumn(inputSchema, inputColumnName);
        Names = names;
        Classifier = classifier;

        var builder = new DataViewSchema.Builder();
        builder.AddColumns(inputSchema);
        for (int t = 0; t < names.Themes.Count; t++)
        {
            builder.AddColumn(names.Probability[t], NumberDataViewType.Single);
        }

        for (int t = 0; t < names.Themes.Count; t++)
        {
            builder.AddColumn(names.IsPresent[t], BooleanDataViewType.Instance);
        }

        builder.AddColumn(names.PresentThemes, new VectorDataViewType(TextDataViewType.Instance));
        OutputSchema = builder.ToSchema();
    }

    public DataViewSchema InputSchema { get; }

    public DataViewSchema OutputSchema { get; }

    public DataViewSchema.Column TextColumn { get; }

    public ThemeColumnNames Names { get; }

    public ThemeClassifier Classifier { get; }

    /// <summary>Index of the first added column in <see cref="OutputSchema"/>.</summary>
    public int FirstAddedColumn => InputSchema.Count;

    public bool IsAdded(int outputColumnIndex) => outputColumnIndex >= FirstAddedColumn;

    /// <summary>The input columns a cursor must read to serve <paramref name="outputColumns"/>.</summary>
    public IEnumerable<DataViewSchema.Column> InputColumnsFor(IEnumerable<DataViewSchema.Column> outputColumns)
    {
        var needed = new bool[InputSchema.Count];
        foreach (var column in outputColumns)
        {
            needed[IsAdded(column.Index) ? TextColumn.Index : column.Index] = true;
        }

        return InputSchema.Where(c => needed[c.Index]).ToArray();
    }

    /// <summary>The text column, or an error that says what is wrong and what to do.</summary>
    public static DataViewSchema.Column FindTextColumn(DataViewSchema schema, string inputColumnName)
    {
        var column = schema.GetColumnOrNull(inputColumnName)
            ?? throw new ArgumentOutOfRangeException(nameof(schema), $"ClassifyThemes reads the text column '{inputColumnName}', but the input has no column of that name. Its columns: {string.Join(", ", schema.Where(c => !c.IsHidden).Select(c => $"'{c.Name}'"))}.");
        if (column.Type is not TextDataViewType)
        {
            throw new ArgumentOutOfRangeException(nameof(schema), TypeError(inputColumnName, column.Type.ToString() ?? "unknown"));
        }

        return column;
    }

    public static string TypeError(string inputColumnName, string actualType) =>
        $"ClassifyThemes reads text, but the input column '{inputColumnName}' is of type {actualType}, not String (one text per row). Point inputColumnName at the text column, or make a text column first (e.g. mlContext.Transforms.Conversion.ConvertType(..., DataKind.String)).";
}
