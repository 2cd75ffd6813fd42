namespace ArticleThemes.Corpus;

/// <summary>The minimum counts the shipped corpus must meet (data/README.md explains each).</summary>
internal static class CorpusRequirements
{
    public const int Documents = 5000;
    public const int PositivesPerTheme = 1000;
    public const int MultiTheme = 400;
    public const double MinNoThemeShare = 0.40;
    public const int HardNegatives = 500;
    public const int Genres = 8;
    public const double MaxGenreShare = 0.35;
    public const double MinShortShare = 0.40;
    public const int ShortWords = 30;
    public const int LongDocuments = 200;
    public const int Writers = 24;
    public const double MaxWriterShare = 0.08;
    public const double MinTestShare = 0.2;

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
        Require(none >= MinNoThemeShare * d.Count, $"{none} documents with no theme; at least {MinNoThemeShare:P0} of the corpus is required.");
        int hard = d.Count(x => x.HardNegative);
        Require(hard >= HardNegatives, $"{hard} hard negatives; at least {HardNegatives} are required.");
        var genres = d.GroupBy(x => x.Genre).ToArray();
        Require(genres.Length >= Genres, $"{genres.Length} genres; at least {Genres} are required.");
        foreach (var genre in genres)
        {
            double share = (double)genre.Count() / d.Count;
            Require(share <= MaxGenreShare, $"genre '{genre.Key}' is {share:P1} of the corpus; at most {MaxGenreShare:P0} is allowed.");
        }

        int shortCount = d.Count(x => x.WordCount < ShortWords);
        Require(shortCount >= MinShortShare * d.Count, $"{shortCount} documents under {ShortWords} words; at least {MinShortShare:P0} of the corpus is required.");
        int longCount = d.Count(x => x.WordCount > 300);
        Require(longCount >= LongDocuments, $"{longCount} documents over 300 words; at least {LongDocuments} are required.");
        int unattributed = d.Count(x => x.Writer is null);
        Require(unattributed == 0, $"{unattributed} documents name no writer; every document needs one.");
        var writers = d.Where(x => x.Writer is not null).GroupBy(x => x.Writer!, StringComparer.Ordinal).ToArray();
        Require(writers.Length >= Writers, $"{writers.Length} writers; at least {Writers} are required.");
        foreach (var writer in writers)
        {
            double share = (double)writer.Count() / d.Count;
            Require(share <= MaxWriterShare, $"writer '{writer.Key}' wrote {share:P1} of the corpus; at most {MaxWriterShare:P0} is allowed.");
            Require(writer.Select(x => x.Split).Distinct().Count() == 1, $"writer '{writer.Key}' has documents in both splits; the test split holds out whole writers.");
        }

        double testShare = (double)d.Count(x => x.Split == CorpusSplit.Test) / d.Count;
        Require(testShare >= MinTestShare, $"the test split is {testShare:P1} of the corpus; at least {MinTestShare:P0} is required.");
        return problems;
    }
}
