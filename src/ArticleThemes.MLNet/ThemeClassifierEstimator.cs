using Microsoft.ML;
using Microsoft.ML.Data;

namespace ArticleThemes.MLNet;

/// <summary>
/// The estimator of <see cref="ThemeClassifierTransformer"/>, made by
/// <see cref="ThemeClassifierCatalog.ClassifyThemes(TransformsCatalog.TextTransforms, string, string, ThemeClassifier)"/>.
/// There is nothing to train: <see cref="Fit"/> checks the input schema and returns the transformer.
/// </summary>
public sealed class ThemeClassifierEstimator : IEstimator<ThemeClassifierTransformer>
{
    private readonly ThemeClassifier _classifier;
    private readonly string _outputPrefix;
    private readonly string _inputColumnName;

    internal ThemeClassifierEstimator(ThemeClassifier classifier, string outputPrefix, string inputColumnName)
    {
        _classifier = classifier;
        _outputPrefix = outputPrefix;
        _inputColumnName = inputColumnName;
    }

    /// <summary>Checks that the input has the text column and returns the transformer; reads no row.</summary>
    /// <param name="input">Data with the input column as text.</param>
    /// <returns>The transformer.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The input column is missing or is not text.</exception>
    public ThemeClassifierTransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        ThemeSchemaBinding.FindTextColumn(input.Schema, _inputColumnName);
        return new ThemeClassifierTransformer(_classifier, _outputPrefix, _inputColumnName);
    }

    /// <summary>The shape of the output for input of shape <paramref name="inputSchema"/>: its columns and the added ones.</summary>
    /// <param name="inputSchema">The input's shape; it must have the input column as a single text column.</param>
    /// <returns>The output's shape.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The input column is missing or is not text.</exception>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        SchemaShape.Column? text = null;
        foreach (var column in inputSchema)
        {
            if (string.Equals(column.Name, _inputColumnName, StringComparison.Ordinal))
            {
                text = column;
            }
        }

        if (text is not { } found)
        {
            throw new ArgumentOutOfRangeException(nameof(inputSchema), $"ClassifyThemes reads the text column '{_inputColumnName}', but the input has no column of that name.");
        }

        if (found.Kind != SchemaShape.Column.VectorKind.Scalar || found.ItemType is not TextDataViewType || found.IsKey)
        {
            throw new ArgumentOutOfRangeException(nameof(inputSchema), ThemeSchemaBinding.TypeError(_inputColumnName, found.Kind == SchemaShape.Column.VectorKind.Scalar ? found.ItemType.ToString() ?? "unknown" : $"vector of {found.ItemType}"));
        }

        // SchemaShape.Column has no public constructor, so the added columns' shapes come from public estimators
        // that add columns of the same names and types from a text column: text to Single, text to Boolean, and
        // text to a variable-length vector of text.
        var names = new ThemeColumnNames(_outputPrefix, _classifier.Themes);
        var ml = new MLContext();
        var probabilities = names.Probability.Select(n => new InputOutputColumnPair(n, _inputColumnName)).ToArray();
        var decisions = names.IsPresent.Select(n => new InputOutputColumnPair(n, _inputColumnName)).ToArray();
        var shape = ml.Transforms.Conversion.ConvertType(probabilities, DataKind.Single)
            .Append(ml.Transforms.Conversion.ConvertType(decisions, DataKind.Boolean))
            .Append(ml.Transforms.Text.TokenizeIntoWords(names.PresentThemes, _inputColumnName));
        return shape.GetOutputSchema(inputSchema);
    }
}
