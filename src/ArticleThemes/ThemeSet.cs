namespace ArticleThemes;

/// <summary>The themes of one model: names in the model's order and their decision thresholds.</summary>
internal sealed class ThemeSet
{
    /// <summary>Decisions are kept as bits of an <see cref="int"/>.</summary>
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

    /// <summary>The bit mask of the themes whose probability reaches their threshold.</summary>
    public int Decide(ReadOnlySpan<float> probabilities)
    {
        int mask = 0;
        for (int i = 0; i < probabilities.Length; i++)
        {
            if (probabilities[i] >= _thresholds[i])
            {
                mask |= 1 << i;
            }
        }

        return mask;
    }
}
