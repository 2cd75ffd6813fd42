using Microsoft.ML.Data;
using Microsoft.ML;

namespace ArticleThemes.MLNet;

/// <summary>
/// Adds the themes of a <see cref="ThemeClassifier"/> to an <see cref="IDataView"/>: for every theme of the model a
/// <see cref="float"/> column <c>{prefix}{theme}.Probability</c> and a <see cref="bool"/> column
/// <c>{prefix}{theme}.IsPresent</c>, and a variable-length text vector <c>{prefix}Themes</c> with the present themes,
/// most probable first. The values are exactly those of <see cref="ThemeClassifier.Classify(string)"/>.
/// </summary>
/// <remarks>
/// <para>Lazy like ML.NET's own row-to-row transforms: <see cref="Transform"/> reads nothing, and a cursor classifies a
/// row only when one of the added columns of that row is read. Cursors may run in parallel; the classifier is
/// thread-safe.</para>
/// <para>A missing text (a <see langword="null"/> string loaded into an <see cref="IDataView"/>, which ML.NET reads as
/// empty) and an empty text carry no theme.</para>
/// <para>Saving with <c>mlContext.Model.Save</c> works for any classifier and needs nothing registered: the saved
/// pipeline holds the classifier's model file and names this assembly, which ML.NET loads and registers by itself when
/// it loads the pipeline (the assembly must be deployed with the application that loads it, as any package is). It
/// loads back as a chain of ML.NET transformers around a custom mapping (ML.NET 5 lets a transform from outside ML.NET
/// save no state of its own any other way), with the same columns, in the same order, and the same values.</para>
/// </remarks>
public sealed class ThemeClassifierTransformer : ITransformer
{
    private readonly ThemeClassifier _classifier;
    private readonly ThemeColumnNames _names;

    internal ThemeClassifierTransformer(ThemeClassifier classifier, string outputPrefix, string inputColumnName)
    {
        _classifier = classifier;
        _names = new ThemeColumnNames(outputPrefix, classifier.Themes);
        InputColumnName = inputColumnName;
    }

    /// <summary>The text column read.</summary>
    public string InputColumnName { get; }

    /// <summary>The prefix of every added column's name.</summary>
    public string OutputPrefix => _names.Prefix;

    /// <summary>The themes, in the classifier's order: one probability and one decision column each.</summary>
    public IReadOnlyList<string> Themes => _names.Themes;

    /// <summary>The name of the present-themes column: <c>{prefix}Themes</c>, a variable-length vector of text.</summary>
    public string ThemesColumnName => _names.PresentThemes;

    bool ITransformer.IsRowToRowMapper => true;

    /// <summary>The name of a theme's probability column: <c>{prefix}{theme}.Probability</c> (<see cref="float"/>).</summary>
    /// <param name="theme">One of <see cref="Themes"/>.</param>
    /// <returns>The column name.</returns>
    /// <exception cref="ArgumentException">The classifier has no such theme.</exception>
    public string ProbabilityColumnName(string theme) => _names.Probability[IndexOf(theme)];

    /// <summary>The name of a theme's decision column: <c>{prefix}{theme}.IsPresent</c> (<see cref="bool"/>).</summary>
    /// <param name="theme">One of <see cref="Themes"/>.</param>
    /// <returns>The column name.</returns>
    /// <exception cref="ArgumentException">The classifier has no such theme.</exception>
    public string IsPresentColumnName(string theme) => _names.IsPresent[IndexOf(theme)];

    /// <summary>The schema that <see cref="Transform"/> gives for input of schema <paramref name="inputSchema"/>.</summary>
    /// <param name="inputSchema">The input's schema; it must have <see cref="InputColumnName"/> as a text column.</param>
    /// <returns>The input's columns followed by the added ones.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The input column is missing or is not text.</exception>
    public DataViewSchema GetOutputSchema(DataViewSchema inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        return Bind(inputSchema).OutputSchema;
    }

    /// <summary>Adds the theme columns to <paramref name="input"/>. Lazy: nothing is read or classified until a cursor reads the added columns.</summary>
    /// <param name="input">Data with <see cref="InputColumnName"/> as a text column.</param>
    /// <returns>A view of the input with the added columns.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The input column is missing or is not text.</exception>
    public IDataView Transform(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return new ThemeDataView(input, Bind(input.Schema));
    }

    IRowToRowMapper ITransformer.GetRowToRowMapper(DataViewSchema inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        return new ThemeRowToRowMapper(Bind(inputSchema));
    }

    void ICanSaveModel.Save(ModelSaveContext ctx)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        ITransformer savable = SavedThemeMapping.BuildSavable(_classifier, InputColumnName, _names);
        savable.Save(ctx);
    }

    private ThemeSchemaBinding Bind(DataViewSchema inputSchema) => new(inputSchema, InputColumnName, _names, _classifier);

    private int IndexOf(string theme)
    {
        ArgumentNullException.ThrowIfNull(theme);
        for (int i = 0; i < _names.Themes.Count; i++)
        {
            if (string.Equals(_names.Themes[i], theme, StringComparison.Ordinal))
            {
                return i;
            }
        }

        throw new ArgumentException($"The classifier has no theme '{theme}'; its themes are {string.Join(", ", _names.Themes)}.", nameof(theme));
    }
}
