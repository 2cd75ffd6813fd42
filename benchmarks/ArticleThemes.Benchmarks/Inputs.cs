namespace ArticleThemes.Benchmarks;

/// <summary>The benchmark texts, written for the suite (not taken from the corpus's test split).</summary>
public static class Inputs
{
    public const string Headline = "headline";
    public const string Brief = "brief";
    public const string Article = "article";
    public const string LongDocument = "long";

    public static IEnumerable<string> Sizes => [Headline, Brief, Article, LongDocument];

    public static string Read(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Inputs", name + ".txt"));

    /// <summary>
    /// A thousand documents of mixed length for the batch benchmarks: the headline, the brief, the article, and
    /// runs of one to twenty consecutive paragraphs of the long transcript.
    /// </summary>
    public static string[] MixedThousand()
    {
        var paragraphs = Read(LongDocument).Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var fixedOnes = new[] { Read(Headline), Read(Brief), Read(Article) };
        var documents = new string[1000];
        var random = new Random(12345);
        for (int i = 0; i < documents.Length; i++)
        {
            if (i % 10 < 3)
            {
                documents[i] = fixedOnes[i % 10];
                continue;
            }

            int start = random.Next(paragraphs.Length);
            int count = 1 + random.Next(20);
            documents[i] = string.Join("\n\n", paragraphs.Skip(start).Take(count));
        }

        return documents;
    }
}
