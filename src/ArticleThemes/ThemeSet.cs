namespace ArticleThemes;

/// <summary>The themes of one model: names in the model's order and their decision thresholds.</summary>
internal sealed class ThemeSet
{
    /// <summary>Decisions are kept as a <see cref="ThemeMask"/>, the bits of an <see cref="int"/>.</summary>
    public const int MaxThemes = 31;

    private readonly Dictionary<string, int> _index;
    private readonly float[] _thresholds;

    public ThemeSet(IReadOnlyList<string> names, IReadOnlyList<float> thresholds)
    {
        if (names.Count == 0 || names.Count > MaxThemes)
        {
            throw new ArgumentException($"A model has between 1 and {MaxThemes} themes; this one has {names.Count}.", nameof(names));
        }

        if (names.Count != thresholds.Count)
        {
            throw new ArgumentException("Every theme needs exactly one threshold.", nameof(thresholds));
        }

        Names = names.ToArray();
        _thresholds = thresholds.ToArray();
        _index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < Names.Count; i++)
        {
            if (!_index.TryAdd(Names[i], i))
            {
                throw new ArgumentException($"Theme '{Names[i]}' is listed twice.", nameof(names));
            }
        }
    }

    public IReadOnlyList<string> Names { get; }

    public IReadOnlyList<float> Thresholds => _thresholds;

    public int Count => Names.Count;

    public int IndexOf(string theme)
    {
        ArgumentNullException.ThrowIfNull(theme);
        if (_index.TryGetValue(theme, out int index))
        {
            return index;
        }

        throw new KeyNotFoundException($"The model has no theme '{theme}'. Its themes are: {string.Join(", ", Names)}.");
    }

    /// <summary>The themes whose probability reaches their threshold.</summary>
    public ThemeMask Decide(ReadOnlySpan<float> probabilities) => Decide(probabilities, _thresholds);

    /// <summary>The themes whose probability reaches its threshold in <paramref name="thresholds"/>.</summary>
    public static ThemeMask Decide(ReadOnlySpan<float> probabilities, ReadOnlySpan<float> thresholds)
    {
        var present = ThemeMask.Empty;
        for (int i = 0; i < probabilities.Length; i++)
        {
            if (probabilities[i] >= thresholds[i])
            {
                present = present.With(i);
            }
        }

        return present;
    }
}
