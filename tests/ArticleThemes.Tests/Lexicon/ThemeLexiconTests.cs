using ArticleThemes.Featurization;
using ArticleThemes.Lexicon;
using ArticleThemes.Training;

namespace ArticleThemes.Tests.Lexicon;

public sealed class ThemeLexiconTests
{
    private static readonly ThemeLexicon s_lexicon = ThemeLexicon.Parse(
        "# comment\n" +
        "migration\tasylum\n" +
        "migration\tleave to remain\n" +
        "trade\ttariff\n" +
        "trade\texport licence\n" +
        "trade.other-sense\telectricity tariff\n" +
        "militarization\tarms\n" +
        "trade\tarms exports\n");

    private static readonly TextFeaturizer s_featurizer = new(new FeaturizerOptions { HashBits = 12 }, s_lexicon);

    [Fact]
    public void Groups_are_features_after_the_hashed_slots_in_order_of_first_appearance()
    {
        Assert.Equal(["migration", "trade", "trade.other-sense", "militarization"], s_lexicon.Groups);
        Assert.Equal(7, s_lexicon.PhraseCount);
        Assert.Equal(s_featurizer.Dimension + 4, s_featurizer.FeatureCount);
    }

    [Theory]
    [InlineData("Applicants for leave to remain wait a year.", "migration", 1)]
    [InlineData("Applicants for Leave-To-Remain wait; asylum claims rise.", "migration", 2)]
    [InlineData("Leave the car; to remain here is fine.", "migration", 0)]
    [InlineData("A tariff on steel and a tariff on glass.", "trade", 2)]
    [InlineData("The electricity tariff rises.", "trade.other-sense", 1)]
    [InlineData("The electricity tariff rises.", "trade", 1)]
    [InlineData("Arms exports to the region doubled.", "trade", 1)]
    [InlineData("Arms exports to the region doubled.", "militarization", 1)]
    [InlineData("Nothing here at all.", "trade", 0)]
    public void Phrases_are_counted_per_group_with_the_featurizers_words(string text, string group, int expected)
    {
        int g = s_lexicon.Groups.ToList().IndexOf(group);
        var (indices, values) = s_featurizer.Featurize(text);

        int position = Array.IndexOf(indices, s_featurizer.Dimension + g);
        if (expected == 0)
        {
            Assert.Equal(-1, position);
        }
        else
        {
            Assert.True(position >= 0, $"no feature for group {group}");
            Assert.Equal(ThemeLexicon.Value(expected), values[position]);
        }
    }

    [Fact]
    public void Lexicon_features_are_not_scaled_by_the_text_length()
    {
        string longText = "The tariff was raised. " + string.Concat(Enumerable.Repeat("Unrelated words about the weather and the harvest. ", 200));
        var (indices, values) = s_featurizer.Featurize(longText);

        int position = Array.IndexOf(indices, s_featurizer.Dimension + 1);
        Assert.Equal((float)Math.Log(2), values[position], 6);
        Assert.True(values.Take(position).All(v => v < 0.5f), "the hashed part is still unit length");
    }

    [Theory]
    [InlineData("no tab here", "line 1")]
    [InlineData("trade\tone two three four", "4 words")]
    [InlineData("trade\t!!!", "0 words")]
    [InlineData("# only a comment\n\n", "no phrase")]
    public void Bad_lexicon_text_is_rejected_with_the_line_and_reason(string text, string expected)
    {
        var error = Assert.Throws<FormatException>(() => ThemeLexicon.Parse(text));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_default_lexicon_is_embedded_and_has_a_group_and_an_other_sense_group_per_theme()
    {
        var lexicon = DefaultLexicon.Value;

        foreach (string theme in new[] { ThemeNames.Migration, ThemeNames.Militarization, ThemeNames.Trade })
        {
            Assert.Contains(theme, lexicon.Groups);
            Assert.Contains(theme + ".other-sense", lexicon.Groups);
        }

        Assert.True(lexicon.PhraseCount > 300);
    }
}
