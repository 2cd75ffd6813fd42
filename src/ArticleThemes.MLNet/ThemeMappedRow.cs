using Microsoft.ML.Data;
using Microsoft.ML;

namespace ArticleThemes.MLNet;

/// <summary>What a mapped row and a mapped cursor share: which columns are active and their getters.</summary>
internal sealed class ThemeColumnAccess
{
    private readonly ThemeSchemaBinding _binding;
    private readonly DataViewRow _input;
    private readonly bool[] _active;
    private readonly Delegate?[] _added;

    public ThemeColumnAccess(ThemeSchemaBinding binding, DataViewRow input, IEnumerable<DataViewSchema.Column> activeOutputColumns)
    {
        _binding = binding;
        _input = input;
        _active = new bool[binding.OutputSchema.Count];
        foreach (var column in activeOutputColumns)
        {
            _active[column.Index] = true;
        }

        _added = new Delegate?[binding.Names.Count];
        bool anyAdded = false;
        for (int i = 0; i < _added.Length; i++)
        {
            anyAdded |= _active[binding.FirstAddedColumn + i];
        }

        if (anyAdded)
        {
            var values = new ThemeRowValues(binding, input);
            for (int i = 0; i < _added.Length; i++)
            {
                if (_active[binding.FirstAddedColumn + i])
                {
                    _added[i] = values.MakeGetter(binding.FirstAddedColumn + i);
                }
            }
        }
    }

    public bool IsColumnActive(DataViewSchema.Column column)
    {
        CheckColumn(column);
        return _active[column.Index];
    }

    public ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
    {
        CheckColumn(column);
        if (!_active[column.Index])
        {
            throw new InvalidOperationException($"Column '{column.Name}' is not active in this row or cursor; ask for it when the cursor is made.");
        }

        if (!_binding.IsAdded(column.Index))
        {
            return _input.GetGetter<TValue>(_input.Schema[column.Index]);
        }

        return _added[column.Index - _binding.FirstAddedColumn] as ValueGetter<TValue>
            ?? throw new InvalidOperationException($"Column '{column.Name}' holds {column.Type.RawType}, not {typeof(TValue)}: ask for a getter of that type.");
    }

    private void CheckColumn(DataViewSchema.Column column)
    {
        if (column.Index < 0 || column.Index >= _active.Length || !string.Equals(_binding.OutputSchema[column.Index].Name, column.Name, StringComparison.Ordinal))
        {
            throw new ArgumentOutOfRangeException(nameof(column), $"Column '{column.Name}' (index {column.Index}) is not a column of this row's schema.");
        }
    }
}

/// <summary>An input row with the added columns, for <see cref="IRowToRowMapper.GetRow(DataViewRow, IEnumerable{DataViewSchema.Column})"/>.</summary>
internal sealed class ThemeMappedRow : DataViewRow
{
    private readonly DataViewRow _input;
    private readonly ThemeColumnAccess _access;

    public ThemeMappedRow(ThemeSchemaBinding binding, DataViewRow input, IEnumerable<DataViewSchema.Column> activeColumns)
    {
        _input = input;
        Schema = binding.OutputSchema;
        _access = new ThemeColumnAccess(binding, input, activeColumns);
    }

    public override long Position => _input.Position;

    public override long Batch => _input.Batch;

    public override DataViewSchema Schema { get; }

    public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column) => _access.GetGetter<TValue>(column);

    public override ValueGetter<DataViewRowId> GetIdGetter() => _input.GetIdGetter();

    public override bool IsColumnActive(DataViewSchema.Column column) => _access.IsColumnActive(column);
}

/// <summary>An input cursor with the added columns: moves with the input cursor and classifies a row only when an added column of it is read.</summary>
internal sealed class ThemeMappedCursor : DataViewRowCursor
{
    private readonly DataViewRowCursor _input;
    private readonly ThemeColumnAccess _access;
    private bool _disposed;

    public ThemeMappedCursor(ThemeSchemaBinding binding, DataViewRowCursor input, IEnumerable<DataViewSchema.Column> activeColumns)
    {
        _input = input;
        Schema = binding.OutputSchema;
        _access = new ThemeColumnAccess(binding, input, activeColumns);
    }

    public override long Position => _input.Position;

    public override long Batch => _input.Batch;

    public override DataViewSchema Schema { get; }

    public override bool MoveNext() => _input.MoveNext();

    public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column) => _access.GetGetter<TValue>(column);

    public override ValueGetter<DataViewRowId> GetIdGetter() => _input.GetIdGetter();

    public override bool IsColumnActive(DataViewSchema.Column column) => _access.IsColumnActive(column);

    protected override void Dispose(bool disposing)
    {
        if (!_disposed && disposing)
        {
            _input.Dispose();
        }

        _disposed = true;
        base.Dispose(disposing);
    }
}
