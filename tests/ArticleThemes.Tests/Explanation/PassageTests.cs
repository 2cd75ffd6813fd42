using ArticleThemes.Explanation;
using ArticleThemes.Tests.TestSupport;
using CsCheck;

namespace ArticleThemes.Tests.Explanation;

public class PassageTests
{
    internal const string TradePassage =
        "The finance ministry announced on Tuesday that tariffs on imported steel, aluminium and farm machinery will " +
        "rise from 10 to 25 per cent next month, the sharpest increase since the trade agreement with its western " +
        "neighbours was signed a decade ago. Exporters of wine and textiles fear retaliation: the neighbouring " +
        "government has already drawn up a list of goods on which it could impose counter-tariffs, and customs " +
        "officials at the main port reported that shipments slowed this week as importers rushed to clear cargo " +
        "before the new duties take effect. Business groups urged both sides to return to negotiations at the trade " +
        "ministers' meeting in March.";

    internal const string FootballPassage =
        "Rovers came from behind to beat City 3-2 on Saturday, with the winning goal arriving in the 89th minute " +
        "after a goalmouth scramble. The home side trailed at half-time, but their captain levelled with a header " +
        "from a corner early in the second half, and the substitute striker added two more before the visitors " +
        "pulled one back from the penalty spot. The manager praised the crowd for their patience and said the squad " +
        "had shown great character. The result lifts Rovers to third in the league table, two points behind the " +
        "leaders, with five matches left to play and a cup semi-final against United next week.";

    internal const string BorderPassage =
        "Two infantry battalions and a squadron of armoured vehicles were ordered to the southern frontier on " +
        "Monday, where soldiers will reinforce border guards trying to stop migrants from crossing the river at " +
        "night. The defence ministry said army helicopters would patrol the crossings and that troops may detain " +
        "anyone entering without papers. Aid groups said families fleeing drought and violence in the north were " +
        "among those turned back at gunpoint, and that the camps near the bridge already hold thousands of asylum " +
        "seekers waiting for their claims to be heard. Human rights lawyers said deploying the military against " +
        "refugees breaks the country's obligations under international law.";

    [Fact]
    public void Trade_football_and_troops_at_a_border_give_three_passages_in_order_with_their_ranges()
    {
        string text = TradePassage + "\n\n" + FootballPassage + "\n\n" + BorderPassage;

        var passages = TestData.Default.ClassifyPassages(text);

        Assert.Equal(3, passages.Count);
        Assert.Equal((0, TradePassage.Length), (passages[0].Start, passages[0].Length));
        Assert.Equal((TradePassage.Length + 2, FootballPassage.Length), (passages[1].Start, passages[1].Length));
        Assert.Equal((text.Length - BorderPassage.Length, BorderPassage.Length), (passages[2].Start, passages[2].Length));
        Assert.Equal([ThemeNames.Trade], passages[0].Prediction.Themes);
        Assert.Empty(passages[1].Prediction.Themes);
        Assert.Equal([ThemeNames.Migration, ThemeNames.Militarization], passages[2].Prediction.Themes.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Each_passage_is_classified_as_its_own_text()
    {
        string text = "  \r\n" + TradePassage + "\r\n \r\n\r\n" + BorderPassage + "\n";

        foreach (var passage in TestData.Default.ClassifyPassages(text))
        {
            Assert.Equal(TestData.Default.Classify(text.AsSpan(passage.Start, passage.Length)).ToString(), passage.Prediction.ToString());
        }
    }

    [Fact]
    public void A_long_article_with_the_three_themes_in_different_paragraphs_has_a_passage_for_each()
    {
        string article = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Explanation", "summit-article.txt"));

        var passages = TestData.Default.ClassifyPassages(article);

        Assert.True(passages.Count >= 5, $"{passages.Count} passages");
        foreach (string theme in TestData.Default.Themes)
        {
            Assert.Contains(passages, p => p.Prediction.Contains(theme));
        }
    }

    [Fact]
    public void An_over_long_paragraph_is_cut_into_windows_at_sentence_ends()
    {
        string paragraph = string.Join(" ", Enumerable.Range(0, 40).Select(i => $"Sentence number {i} has exactly seven words."));

        var passages = TestData.Default.ClassifyPassages(paragraph);

        Assert.True(passages.Count >= 2, $"{passages.Count} passages for 280 words");
        foreach (var passage in passages)
        {
            string part = paragraph.Substring(passage.Start, passage.Length);
            Assert.StartsWith("Sentence number", part, StringComparison.Ordinal);
            Assert.EndsWith("words.", part, StringComparison.Ordinal);
            int count = part.Split(' ').Length;
            Assert.InRange(count, 40, 180);
        }
    }

    [Fact]
    public void Short_paragraphs_are_merged_with_the_next()
    {
        string headline = "Tariff row deepens";
        string text = headline + "\n\nBy a staff correspondent\n\n" + TradePassage + "\n\n" + BorderPassage + "\n\nEnds.";

        var passages = TestData.Default.ClassifyPassages(text);

        Assert.Equal(2, passages.Count);
        Assert.Equal(0, passages[0].Start);
        Assert.Equal(text.IndexOf(BorderPassage, StringComparison.Ordinal), passages[1].Start);
        Assert.Equal(text.Length, passages[1].Start + passages[1].Length);
    }

    [Fact]
    public void Passages_are_ordered_trimmed_disjoint_and_cover_every_word_for_any_text()
    {
        var piece = Gen.OneOf<string>("tariffs", "troops", "migrants", "the", "and", "Zölle", "😀", "e\u0301", "<p>", ". ", " ", "\n", "\n\n", "\n \n", "\r\n\r\n", "!", "\t");
        var options = new PassageOptions { WindowWords = 12, MaxParagraphWords = 16, MinWords = 3 };
        piece.Array[0, 200].Select(parts => string.Concat(parts)).Sample(text =>
        {
            var passages = TestData.Default.ClassifyPassages(text, options);
            int end = 0;
            foreach (var p in passages)
            {
                Assert.True(p.Start >= end && p.Length > 0 && p.Start + p.Length <= text.Length, $"[{p.Start}, +{p.Length}] after {end}");
                Assert.False(char.IsWhiteSpace(text[p.Start]) || char.IsWhiteSpace(text[p.Start + p.Length - 1]));
                Assert.False(HasWord(text.AsSpan(end, p.Start - end)), $"a word between passages, before {p.Start}");
                end = p.Start + p.Length;
            }

            Assert.False(HasWord(text.AsSpan(end)), "a word after the last passage");
            Assert.Equal(HasWord(text), passages.Count > 0);
        }, iter: 200);
    }

    /// <summary>Whether the characters hold a word as the featurizer reads words: a letter, a digit or a combining mark.</summary>
    private static bool HasWord(ReadOnlySpan<char> text)
    {
        foreach (char c in text)
        {
            if (char.IsLetterOrDigit(c) || char.GetUnicodeCategory(c) is System.Globalization.UnicodeCategory.NonSpacingMark or System.Globalization.UnicodeCategory.SpacingCombiningMark)
            {
                return true;
            }
        }

        return false;
    }

    [Fact]
    public void A_text_without_words_has_no_passage_and_options_are_checked()
    {
        Assert.Empty(TestData.Default.ClassifyPassages(" \n\n 😀 "));
        Assert.Throws<ArgumentNullException>(() => TestData.Default.ClassifyPassages(null!));
        Assert.Throws<ArgumentOutOfRangeException>(() => TestData.Default.ClassifyPassages("x", new PassageOptions { WindowWords = 5 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => TestData.Default.ClassifyPassages("x", new PassageOptions { MinWords = 200 }));
    }
}
