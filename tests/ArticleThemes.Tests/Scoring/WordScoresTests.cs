using ArticleThemes.Scoring;

namespace ArticleThemes.Tests.Scoring;

public class WordScoresTests
{
    [Fact]
    public void Every_word_is_found_at_its_entry_and_other_hashes_are_not()
    {
        var random = new Random(5);
        var hashes = Enumerable.Range(0, 5_000).Select(_ => (ulong)random.NextInt64() * 3).Distinct().ToArray();
        var weights = hashes.Select((_, i) => 1f / (1 + i)).ToArray();
        var scores = hashes.SelectMany((_, i) => new[] { i, -i }).Select(x => (float)x).ToArray();

        var table = WordScores.Create(hashes, weights, scores, themeCount: 2, dimensions: 8);

        for (int entry = 0; entry < hashes.Length; entry++)
        {
            Assert.Equal(entry, table.Find(hashes[entry]));
            Assert.Equal(weights[entry], table.WeightOf(entry));
            Assert.Equal(-entry, table.ScoreOf(entry, 1));
        }

        // Multiples of 3 were kept; these are not.
        foreach (var hash in hashes.Take(500))
        {
            Assert.Equal(-1, table.Find(hash + 1));
        }
    }

    [Fact]
    public void A_table_with_no_room_to_spare_still_finds_everything()
    {
        // Keys that collide in the top bits probe past one another.
        var hashes = Enumerable.Range(1, 64).Select(i => (ulong)i).ToArray();
        var table = WordScores.Create(hashes, hashes.Select(_ => 1f).ToArray(), hashes.Select(h => (float)h).ToArray(), 1, 1);

        Assert.All(hashes, h => Assert.Equal(h, (ulong)table.ScoreOf(table.Find(h), 0)));
        Assert.Equal(-1, table.Find(65));
    }

    [Theory]
    [InlineData("repeat")]
    [InlineData("zero weight")]
    [InlineData("nan score")]
    [InlineData("lengths")]
    public void Inconsistent_tables_are_refused(string fault)
    {
        ulong[] hashes = fault == "repeat" ? [7, 9, 7] : [7, 9, 11];
        float[] weights = fault == "zero weight" ? [1, 0, 1] : [1, 1, 1];
        float[] scores = fault == "nan score" ? [1, float.NaN, 1] : fault == "lengths" ? [1, 1] : [1, 1, 1];

        Assert.Throws<InvalidDataException>(() => WordScores.Create(hashes, weights, scores, 1, 4));
    }

    [Theory]
    [InlineData(-0.5)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void A_prior_weight_below_zero_or_not_finite_is_refused(double priorWeight)
    {
        var error = Assert.Throws<InvalidDataException>(() => WordScores.Create([7, 9], [1, 1], [1, 1], 1, 4, priorWeight));

        Assert.Contains("prior weight", error.Message, StringComparison.Ordinal);
    }
}
