namespace ArticleThemes.Corpus;

/// <summary>Which part of the corpus a document belongs to. The test split is never used for training or tuning.</summary>
internal enum CorpusSplit
{
    Train,
    Test,
}

/// <summary>One labelled document of the corpus (one line of <c>data/corpus.jsonl</c>).</summary>
internal sealed record CorpusDocument(
    string Id,
    string Text,
    IReadOnlyList<string> Themes,
    string Genre,
    CorpusSplit Split,
    bool HardNegative = false,
    string? Region = null,
    string? Decade = null,
    int Line = 0)
{
    /// <summary>Who wrote the document (a voice: outlet, country, era); the test split holds out whole writers.</summary>
    public string? Writer { get; init; }

    /// <summary>Number of whitespace-separated words.</summary>
    public int WordCount { get; } = CountWords(Text);

    /// <summary>The document's length band: <c>headline</c> (under 25 words), <c>brief</c> (25 to 300) or <c>article</c> (over 300).</summary>
    public string LengthBand => LengthBands.Of(WordCount);

    /// <summary>The themes joined with '+', sorted, or <c>none</c>: the stratum of the split.</summary>
    public string Combination => Themes.Count == 0 ? "none" : string.Join('+', Themes.Order(StringComparer.Ordinal));

    public bool Has(string theme) => Themes.Contains(theme, StringComparer.Ordinal);

    internal static int CountWords(string text)
    {
        int words = 0;
        bool inWord = false;
        foreach (char c in text)
        {
            bool space = char.IsWhiteSpace(c);
            if (!space && !inWord)
            {
                words++;
            }

            inWord = !space;
        }

        return words;
    }
}

/// <summary>Length bands used for the datasheet and for per-band metrics.</summary>
internal static class LengthBands
{
    public const string Headline = "headline";
    public const string Brief = "brief";
    public const string Article = "article";

    public static IReadOnlyList<string> All { get; } = [Headline, Brief, Article];

    public static string Of(int words) => words < 25 ? Headline : words <= 300 ? Brief : Article;
}
