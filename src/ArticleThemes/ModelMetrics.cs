namespace ArticleThemes;

/// <summary>Multi-label metrics of a model on a labelled set of documents.</summary>
public sealed class ModelMetrics
{
    internal ModelMetrics(IReadOnlyList<ThemeMetrics> themes, int documents, int exactMatches, int noThemeDocuments, int falseAlarms)
    {
        Themes = themes;
        Documents = documents;
        ExactMatches = exactMatches;
        NoThemeDocuments = noThemeDocuments;
        FalseAlarms = falseAlarms;
    }

    /// <summary>Metrics of each theme, in the model's theme order.</summary>
    public IReadOnlyList<ThemeMetrics> Themes { get; }

    /// <summary>Number of documents evaluated.</summary>
    public int Documents { get; }

    /// <summary>Documents whose predicted theme set equals the labelled set exactly.</summary>
    public int ExactMatches { get; }

    /// <summary>Documents labelled with no theme.</summary>
    public int NoThemeDocuments { get; }

    /// <summary>Documents labelled with no theme that were predicted with at least one.</summary>
    public int FalseAlarms { get; }

    /// <summary>Unweighted mean of the themes' F1.</summary>
    public double MacroF1 => Themes.Count == 0 ? 0 : Themes.Average(t => t.F1);

    /// <summary>Share of documents whose predicted theme set is exactly right.</summary>
    public double ExactMatchAccuracy => Documents == 0 ? 0 : (double)ExactMatches / Documents;

    /// <summary>Share of no-theme documents given a theme anyway.</summary>
    public double FalseAlarmRate => NoThemeDocuments == 0 ? 0 : (double)FalseAlarms / NoThemeDocuments;
}
