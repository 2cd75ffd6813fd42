using ArticleThemes.Tests.TestSupport;

namespace ArticleThemes.Tests.Evaluation;

/// <summary>
/// Texts a new user tried (written for the issue, none from any data set) that the first model got wrong, with the
/// labels the labelling guide gives them. Both tiers' default models must get every one right.
/// </summary>
public sealed class RealUseExamplesTests
{
    public static TheoryData<string, string, string[]> Examples()
    {
        var data = new TheoryData<string, string, string[]>();
        foreach (string tier in new[] { ModelTiers.Fast, ModelTiers.Accurate })
        {
            data.Add(tier, "Lakers trade veteran guard to Boston for two second-round picks", []);
            data.Add(tier, "Border collie wins best in show", []);
            data.Add(tier, "Refugees", [ThemeNames.Migration]);
            data.Add(tier, "Our Nation was built by immigrants, and we must fix a system that leaves millions in the shadows.", [ThemeNames.Migration]);
            data.Add(tier, "Will the Minister confirm how many applications for leave to remain are still outstanding?", [ThemeNames.Migration]);
            data.Add(tier, "A bill to provide for the adjustment of status of certain nationals of Liberia to that of lawful permanent residents.", [ThemeNames.Migration]);
            data.Add(tier, "A bill to extend the temporary suspension of duty on certain polyester staple fibers.", [ThemeNames.Trade]);
            data.Add(tier, "A bill to amend title 38, United States Code, to improve the processing of disability claims for veterans.", [ThemeNames.Militarization]);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void Each_example_gets_the_labels_the_guide_gives(string tier, string text, string[] expected)
    {
        var prediction = TestData.DefaultOf(tier).Classify(text);

        Assert.Equal(expected.Order(StringComparer.Ordinal), prediction.Themes.Order(StringComparer.Ordinal));
    }

    /// <summary>
    /// Texts of a few ordinary words that often sit beside a theme but are not about one. Before the word vectors'
    /// prior weight the fast tier read "America" alone as trade at 0.99: its one word's vector at full strength.
    /// </summary>
    [Theory]
    [InlineData(ModelTiers.Fast, "America")]
    [InlineData(ModelTiers.Fast, "God bless America.")]
    [InlineData(ModelTiers.Fast, "Our nation is strong.")]
    [InlineData(ModelTiers.Accurate, "America")]
    [InlineData(ModelTiers.Accurate, "God bless America.")]
    [InlineData(ModelTiers.Accurate, "Our nation is strong.")]
    public void A_few_ordinary_words_get_no_theme(string tier, string text)
    {
        var prediction = TestData.DefaultOf(tier).Classify(text);

        Assert.Empty(prediction.Themes);
    }
}
