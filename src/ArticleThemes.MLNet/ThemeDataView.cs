using Microsoft.ML;
using Microsoft.ML.Data;

namespace ArticleThemes.MLNet;

/// <summary>
/// The output of <see cref="ThemeClassifierTransformer.Transform"/>: lazy like ML.NET's own row-to-row transforms.
/// Making it reads nothing; a cursor reads the input row by row and classifies a row only when one of the added
/// columns is read. Parallel cursor sets come from the input's own.
/// </summary>
internal sealed class ThemeDataView : IDataView
{
    private readonly IDataView _input;
    private readonly ThemeSchemaBinding _binding;

    public ThemeDataView(IDataView input, ThemeSchemaBinding binding)
    {
        _input = input;
        _binding = binding;
    }

    public bool CanShuffle => _input.CanShuffle;

    public DataViewSchema Schema => _binding.OutputSchema;

    public long? GetRowCount() => _input.GetRowCount();

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null)
    {
        ArgumentNullException.ThrowIfNull(columnsNeeded);
        var active = columnsNeeded.ToArray();
        var input = _input.GetRowCursor(_binding.InputColumnsFor(active), rand);
        return new ThemeMappedCursor(_binding, input, active);
    }

    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null)
    {
        ArgumentNullException.ThrowIfNull(columnsNeeded);
        var active = columnsNeeded.ToArray();
        var inputs = _input.GetRowCursorSet(_binding.InputColumnsFor(active), n, rand);
        return inputs.Select(input => (DataViewRowCursor)new ThemeMappedCursor(_binding, input, active)).ToArray();
    }
}

/// <summary>The row-to-row mapper of <see cref="ThemeClassifierTransformer"/>, which prediction engines use.</summary>
internal sealed class ThemeRowToRowMapper : IRowToRowMapper
{
    private readonly ThemeSchemaBinding _binding;

    public ThemeRowToRowMapper(ThemeSchemaBinding binding) => _binding = binding;

    public DataViewSchema InputSchema => _binding.InputSchema;

    public DataViewSchema OutputSchema => _binding.OutputSchema;

    public IEnumerable<DataViewSchema.Column> GetDependencies(IEnumerable<DataViewSchema.Column> dependingColumns)
    {
        ArgumentNullException.ThrowIfNull(dependingColumns);
        return _binding.InputColumnsFor(dependingColumns);
    }

    public DataViewRow GetRow(DataViewRow input, IEnumerable<DataViewSchema.Column> activeColumns)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(activeColumns);
        if (input.Schema.Count != InputSchema.Count || input.Schema[_binding.TextColumn.Index].Type is not TextDataViewType)
        {
            throw new ArgumentException("The row does not have the input schema this mapper was made for; make the mapper from the row's own schema.", nameof(input));
        }

        return new ThemeMappedRow(_binding, input, activeColumns);
    }
}
