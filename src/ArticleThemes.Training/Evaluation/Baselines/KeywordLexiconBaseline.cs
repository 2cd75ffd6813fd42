using ArticleThemes.Corpus;

namespace ArticleThemes.Evaluation.Baselines;

/// <summary>
/// A hand-written keyword lexicon, written in good faith as a strong rule-based system would be: a theme is
/// present when any of its words (or word stems, marked with '*') occurs. It knows only the three default themes.
/// </summary>
internal sealed class KeywordLexiconBaseline : IBaseline
{
    private static readonly Dictionary<string, string[]> s_lexicon = new(StringComparer.Ordinal)
    {
        [ThemeNames.Migration] =
        [
            "migrant*", "migration", "migrations", "immigra*", "emigra*", "refugee*", "asylum*", "deport*", "visa", "visas",
            "undocumented", "smuggler*", "trafficking", "displaced", "displacement", "resettle*", "citizenship", "naturali*",
            "diaspora*", "remittance*", "expatriate*", "stateless*", "newcomer*", "border-crossers", "crossings", "guest-worker*",
            "work-permit*", "permits", "exile*", "exodus",
        ],
        [ThemeNames.Militarization] =
        [
            "military", "militar*", "army", "armies", "troop*", "soldier*", "navy", "naval", "defence", "defense", "weapon*",
            "missile*", "arms", "armed", "war", "wars", "warfare", "warship*", "tank", "tanks", "artillery", "frigate*",
            "conscript*", "militia*", "paramilitar*", "nato", "drone*", "brigade*", "battalion*", "ceasefire", "insurgen*",
            "rebel*", "airstrike*", "bomb*", "nuclear", "submarine*", "fighter", "jets", "garrison*", "veteran*", "general",
        ],
        [ThemeNames.Trade] =
        [
            "trade", "trading", "tariff*", "export*", "import*", "customs", "duty", "duties", "sanction*", "embargo*", "wto",
            "free-trade", "quota*", "shipment*", "supply-chain*", "investment*", "investor*", "dumping", "levies", "levy",
            "commerce", "commercial", "freight", "cargo*", "trade-deal*", "protectionis*",
        ],
    };

    public string Name => "keyword lexicon";

    public string Description => "A theme is present when any of its hand-written keywords or stems occurs (about 30 per theme).";

    public PredictorResult Run(LabeledCorpus corpus, IReadOnlyList<CorpusDocument> evaluated, IReadOnlyList<string> themes)
    {
        var predicted = evaluated.Select(d => Predict(d.Text, themes)).ToArray();
        return new PredictorResult(Name, Description, predicted, null);
    }

    public static ThemeMask Predict(string text, IReadOnlyList<string> themes)
    {
        var words = Tokenize(text);
        var mask = ThemeMask.Empty;
        for (int t = 0; t < themes.Count; t++)
        {
            if (s_lexicon.TryGetValue(themes[t], out var keywords) && words.Any(w => keywords.Any(k => Matches(w, k))))
            {
                mask = mask.With(t);
            }
        }

        return mask;
    }

    private static bool Matches(string word, string keyword) =>
        keyword.EndsWith('*')
            ? word.StartsWith(keyword.AsSpan(0, keyword.Length - 1), StringComparison.Ordinal)
            : word == keyword;

    private static HashSet<string> Tokenize(string text)
    {
        var words = new HashSet<string>(StringComparer.Ordinal);
        var current = new System.Text.StringBuilder();
        foreach (char c in text)
        {
            if (char.IsLetterOrDigit(c) || c == '-')
            {
                current.Append(char.ToLowerInvariant(c));
            }
            else if (current.Length > 0)
            {
                AddWithParts(words, current.ToString());
                current.Clear();
            }
        }

        if (current.Length > 0)
        {
            AddWithParts(words, current.ToString());
        }

        return words;
    }

    // "free-trade" matches as a whole and as "free" and "trade".
    private static void AddWithParts(HashSet<string> words, string word)
    {
        words.Add(word);
        if (word.Contains('-', StringComparison.Ordinal))
        {
            foreach (var part in word.Split('-', StringSplitOptions.RemoveEmptyEntries))
            {
                words.Add(part);
            }
        }
    }
}
