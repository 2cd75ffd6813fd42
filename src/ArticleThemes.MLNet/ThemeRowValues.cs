using Microsoft.ML;
using Microsoft.ML.Data;

namespace ArticleThemes.MLNet;

/// <summary>
/// The added columns of one row source (a cursor or a mapped row): the text is read and classified once per row,
/// on the first read of any added column, and only then. One instance serves one cursor, so it needs no lock;
/// parallel cursors each have their own and share only the classifier, which is thread-safe.
/// </summary>
internal sealed class ThemeRowValues
{
    private readonly ThemeSchemaBinding _binding;
    private readonly DataViewRow _input;
    private readonly ValueGetter<ReadOnlyMemory<char>> _text;
    private readonly ReadOnlyMemory<char>[] _themeNames;
    private ReadOnlyMemory<char> _textValue;
    private long _classifiedPosition = -1;
    private ThemePrediction? _prediction;

    public ThemeRowValues(ThemeSchemaBinding binding, DataViewRow input)
    {
        _binding = binding;
        _input = input;
        _text = input.GetGetter<ReadOnlyMemory<char>>(input.Schema[binding.TextColumn.Index]);
        _themeNames = binding.Names.Themes.Select(t => t.AsMemory()).ToArray();
    }

    /// <summary>The getter of an added column (<paramref name="outputColumnIndex"/> in the output schema).</summary>
    public Delegate MakeGetter(int outputColumnIndex)
    {
        int added = outputColumnIndex - _binding.FirstAddedColumn;
        int themes = _binding.Names.Themes.Count;
        if (added < themes)
        {
            int theme = added;
            return (ValueGetter<float>)((ref float value) => value = Current().Probabilities[theme]);
        }

        if (added < 2 * themes)
        {
            int theme = added - themes;
            return (ValueGetter<bool>)((ref bool value) => value = Current().Present.Contains(theme));
        }

        return (ValueGetter<VBuffer<ReadOnlyMemory<char>>>)GetPresentThemes;
    }

    private void GetPresentThemes(ref VBuffer<ReadOnlyMemory<char>> value)
    {
        var present = Current().Themes;
        var editor = VBufferEditor.Create(ref value, present.Count);
        for (int i = 0; i < present.Count; i++)
        {
            editor.Values[i] = _themeNames[IndexOf(present[i])];
        }

        value = editor.Commit();
    }

    private int IndexOf(string theme)
    {
        var names = _binding.Names.Themes;
        for (int i = 0; i < names.Count; i++)
        {
            if (ReferenceEquals(names[i], theme) || string.Equals(names[i], theme, StringComparison.Ordinal))
            {
                return i;
            }
        }

        throw new InvalidOperationException($"The classifier returned the theme '{theme}', which it does not list.");
    }

    private ThemePrediction Current()
    {
        long position = _input.Position;
        if (_prediction is null || position != _classifiedPosition)
        {
            // A missing text (a null string loaded into an IDataView) reads as empty: no theme.
            _text(ref _textValue);
            _prediction = _binding.Classifier.Classify(_textValue.Span);
            _classifiedPosition = position;
        }

        return _prediction;
    }
}
