using System.Collections.ObjectModel;

namespace ArticleThemes;

/// <summary>
/// The result of classifying one text: a probability and a decision for every theme of the model.
/// </summary>
/// <remarks>
/// The object holds only the probabilities; the lists are built when first read, so a caller that only asks
/// <see cref="Contains(string)"/> or reads a probability allocates nothing more.
/// </remarks>
public sealed class ThemePrediction
{
    private readonly ThemeSet _themes;
    private readonly float[] _probabilities;
    private readonly ThemeMask _present;
    private ReadOnlyCollection<ThemeScore>? _scores;
    private ReadOnlyCollection<string>? _presentNames;

    internal ThemePrediction(ThemeSet themes, float[] probabilities, ThemeMask present)
    {
        _themes = themes;
        _probabilities = probabilities;
        _present = present;
    }

    /// <summary>Every theme of the model, in the model's order, with its probability and decision.</summary>
    public IReadOnlyList<ThemeScore> Scores => _scores ??= BuildScores();

    /// <summary>The themes present in the text, most probable first; empty when no theme applies.</summary>
    public IReadOnlyList<string> Themes => _presentNames ??= BuildPresent();

    /// <summary>Whether no theme applies to the text.</summary>
    public bool IsEmpty => _present.IsEmpty;

    /// <summary>The present themes by index in the model's order, as evaluation compares them with labels.</summary>
    internal ThemeMask Present => _present;

    /// <summary>Every theme's probability in the model's theme order, without building <see cref="Scores"/>.</summary>
    internal ReadOnlySpan<float> Probabilities => _probabilities;

    /// <summary>The probability of <paramref name="theme"/>.</summary>
    /// <param name="theme">A theme name from <see cref="ThemeClassifier.Themes"/>, such as <see cref="ThemeNames.Trade"/>.</param>
    /// <exception cref="KeyNotFoundException">The model has no theme of that name.</exception>
    public float Probability(string theme) => _probabilities[_themes.IndexOf(theme)];

    /// <summary>Whether <paramref name="theme"/> is present in the text.</summary>
    /// <param name="theme">A theme name from <see cref="ThemeClassifier.Themes"/>, such as <see cref="ThemeNames.Migration"/>.</param>
    /// <exception cref="KeyNotFoundException">The model has no theme of that name.</exception>
    public bool Contains(string theme) => _present.Contains(_themes.IndexOf(theme));

    /// <inheritdoc/>
    public override string ToString()
    {
        var parts = new string[_probabilities.Length];
        for (int i = 0; i < parts.Length; i++)
        {
            string mark = _present.Contains(i) ? "*" : string.Empty;
            parts[i] = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{_themes.Names[i]}{mark}={_probabilities[i]:0.000}");
        }

        return string.Join(' ', parts);
    }

    private ReadOnlyCollection<ThemeScore> BuildScores()
    {
        var scores = new ThemeScore[_probabilities.Length];
        for (int i = 0; i < scores.Length; i++)
        {
            scores[i] = new ThemeScore(_themes.Names[i], _probabilities[i], _themes.Thresholds[i], _present.Contains(i));
        }

        return Array.AsReadOnly(scores);
    }

    private ReadOnlyCollection<string> BuildPresent()
    {
        var present = new List<(string Name, float Probability)>();
        for (int i = 0; i < _probabilities.Length; i++)
        {
            if (_present.Contains(i))
            {
                present.Add((_themes.Names[i], _probabilities[i]));
            }
        }

        // Most probable first; equal probabilities keep the model's theme order (List.Sort is not stable).
        var ordered = present
            .Select((p, order) => (p.Name, p.Probability, order))
            .OrderByDescending(p => p.Probability)
            .ThenBy(p => p.order)
            .Select(p => p.Name)
            .ToArray();
        return Array.AsReadOnly(ordered);
    }
}
