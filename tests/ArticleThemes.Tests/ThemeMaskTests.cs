namespace ArticleThemes.Tests;

public sealed class ThemeMaskTests
{
    [Fact]
    public void A_set_holds_exactly_the_themes_added_to_it()
    {
        var set = ThemeMask.Empty.With(0).With(2).With(30);

        Assert.True(set.Contains(0));
        Assert.False(set.Contains(1));
        Assert.True(set.Contains(2));
        Assert.True(set.Contains(30));
        Assert.Equal(3, set.Count);
        Assert.False(set.IsEmpty);
        Assert.True(ThemeMask.Empty.IsEmpty);
        Assert.Equal(0, ThemeMask.Empty.Count);
    }

    [Fact]
    public void Sets_are_equal_when_they_hold_the_same_themes_whatever_the_order_added()
    {
        Assert.Equal(ThemeMask.Empty.With(1).With(0), ThemeMask.Empty.With(0).With(1).With(0));
        Assert.NotEqual(ThemeMask.Empty.With(1), ThemeMask.Empty.With(0));
    }

    [Fact]
    public void Xor_holds_the_themes_where_two_sets_disagree()
    {
        var predicted = ThemeMask.Empty.With(0).With(1);
        var labelled = ThemeMask.Empty.With(1).With(2);

        Assert.Equal(ThemeMask.Empty.With(0).With(2), predicted ^ labelled);
        Assert.Equal(predicted ^ labelled, predicted.Xor(labelled));
        Assert.True((predicted ^ predicted).IsEmpty);
    }

    [Fact]
    public void Decide_takes_the_themes_at_or_above_their_threshold()
    {
        var themes = new ThemeSet([ThemeNames.Migration, ThemeNames.Militarization, ThemeNames.Trade], [0.5f, 0.3f, 0.9f]);

        var present = themes.Decide([0.5f, 0.2999f, 0.95f]);

        Assert.Equal(ThemeMask.Empty.With(0).With(2), present);
        Assert.True(themes.Decide([0f, 0f, 0f]).IsEmpty);
    }
}
