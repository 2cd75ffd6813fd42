using ArticleThemes.Featurization;

namespace ArticleThemes.Tests.Featurization;

public class TextFeaturizerTests
{
    private readonly TextFeaturizer _featurizer = new(FeaturizerOptions.Default);

    [Fact]
    public void Case_and_punctuation_do_not_change_the_features()
    {
        var a = _featurizer.Featurize("Troops crossed the border.");
        var b = _featurizer.Featurize("TROOPS   crossed -- the BORDER!!");

        Assert.Equal(a.Indices, b.Indices);
        Assert.Equal(a.Values, b.Values);
    }

    [Fact]
    public void Digits_are_folded_so_years_generalize()
    {
        Assert.Equal(_featurizer.Featurize("the 1972 expulsion").Indices, _featurizer.Featurize("the 1985 expulsion").Indices);
    }

    [Fact]
    public void Word_order_matters_through_word_pairs()
    {
        var a = _featurizer.Featurize("army border");
        var b = _featurizer.Featurize("border army");

        Assert.NotEqual(a.Indices, b.Indices);
    }

    [Fact]
    public void The_vector_has_unit_length_and_sorted_indices()
    {
        var (indices, values) = _featurizer.Featurize("Refugees, refugees and more refugees reached the port of Lampedusa.");

        Assert.Equal(indices.Order(), indices);
        Assert.Equal(indices.Length, indices.Distinct().Count());
        Assert.Equal(1.0, Math.Sqrt(values.Sum(v => (double)v * v)), 5);
    }

    [Fact]
    public void Repeated_words_weigh_more_but_sublinearly()
    {
        double once = TextFeaturizer.Weight(1);
        double ten = TextFeaturizer.Weight(10);

        Assert.Equal(1.0, once);
        Assert.InRange(ten, 3.0, 3.4);
        Assert.Equal(1 + Math.Log(1000), TextFeaturizer.Weight(1000), 10);
    }

    [Fact]
    public void Shared_stems_share_character_chunks()
    {
        var deported = _featurizer.Featurize("deported").Indices;
        var deportation = _featurizer.Featurize("deportation").Indices;

        Assert.NotEmpty(deported.Intersect(deportation));
    }

    [Fact]
    public void Text_beyond_the_limit_is_not_read()
    {
        var featurizer = new TextFeaturizer(new FeaturizerOptions { MaxCharacters = 20 });

        Assert.Equal(featurizer.Featurize("naval base expansion").Indices, featurizer.Featurize("naval base expansion and tariffs on steel").Indices);
    }

    [Theory]
    [InlineData("Беженцы пересекли границу")]
    [InlineData("难民越过边境")]
    [InlineData("शरणार्थियों ने सीमा पार की")]
    [InlineData("لاجئون عبروا الحدود")]
    public void Non_Latin_scripts_produce_features(string text)
    {
        Assert.NotEmpty(_featurizer.Featurize(text).Indices);
    }

    [Theory]
    [InlineData(10)]
    [InlineData(12)]
    [InlineData(20)]
    public void Every_slot_is_inside_the_hash_space(int bits)
    {
        var featurizer = new TextFeaturizer(new FeaturizerOptions { HashBits = bits });

        var (indices, _) = featurizer.Featurize("Tariffs on imported steel rose again as the navy held exercises off the coast.");

        Assert.All(indices, i => Assert.InRange(i, 0, (1 << bits) - 1));
    }

    [Theory]
    [InlineData(9)]
    [InlineData(25)]
    public void Invalid_options_are_refused(int bits)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new TextFeaturizer(new FeaturizerOptions { HashBits = bits }));
    }
}
