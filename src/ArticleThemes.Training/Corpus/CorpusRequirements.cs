namespace ArticleThemes.Corpus;

/// <summary>The minimum counts the shipped corpus must meet (data/README.md explains each).</summary>
internal static class CorpusRequirements
{
    public const int Documents = 1200;
    public const int PositivesPerTheme = 300;
    public const int MultiTheme = 200;
    public const int NoTheme = 350;
    public const int HardNegatives = 120;
    public const int Genres = 8;
    public const double MaxGenreShare = 0.35;
    public const int ShortDocuments = 200;
    public const int LongDocuments = 200;
    public const double MinTestShare = 0.25;

    /// <summary>Every requirement the corpus misses, as a sentence; empty when it meets them all.</summary>
    public static IReadOnlyList<string> Check(LabeledCorpus corpus)
    {
        var d = corpus.Documents;
        var problems = new List<string>();
        void Require(bool ok, string problem)
        {
            if (!ok)
            {
                problems.Add(problem);
            }
        }

        Require(d.Count >= Documents, $"{d.Count} documents; at least {Documents} are required.");
        foreach (var theme in new[] { ThemeNames.Migration, ThemeNames.Militarization, ThemeNames.Trade })
        {
            int positives = d.Count(x => x.Has(theme));
            Require(positives >= PositivesPerTheme, $"{positives} documents with theme '{theme}'; at least {PositivesPerTheme} are required.");
        }

        foreach (var theme in corpus.Themes.Except([ThemeNames.Migration, ThemeNames.Militarization, ThemeNames.Trade], StringComparer.Ordinal))
        {
            problems.Add($"unknown theme '{theme}'; the shipped corpus uses only migration, militarization and trade.");
        }

        int multi = d.Count(x => x.Themes.Count >= 2);
        Require(multi >= MultiTheme, $"{multi} documents with two or more themes; at least {MultiTheme} are required.");
        int none = d.Count(x => x.Themes.Count == 0);
        Require(none >= NoTheme, $"{none} documents with no theme; at least {NoTheme} are required.");
        int hard = d.Count(x => x.HardNegative);
        Require(hard >= HardNegatives, $"{hard} hard negatives; at least {HardNegatives} are required.");
        var genres = d.GroupBy(x => x.Genre).ToArray();
        Require(genres.Length >= Genres, $"{genres.Length} genres; at least {Genres} are required.");
        foreach (var genre in genres)
        {
            double share = (double)genre.Count() / d.Count;
            Require(share <= MaxGenreShare, $"genre '{genre.Key}' is {share:P1} of the corpus; at most {MaxGenreShare:P0} is allowed.");
        }

        int shortCount = d.Count(x => x.WordCount < 25);
        Require(shortCount >= ShortDocuments, $"{shortCount} documents under 25 words; at least {ShortDocuments} are required.");
        int longCount = d.Count(x => x.WordCount > 300);
        Require(longCount >= LongDocuments, $"{longCount} documents over 300 words; at least {LongDocuments} are required.");
        double testShare = (double)d.Count(x => x.Split == CorpusSplit.Test) / d.Count;
        Require(testShare >= MinTestShare, $"the test split is {testShare:P1} of the corpus; at least {MinTestShare:P0} is required.");
        return problems;
    }
}
