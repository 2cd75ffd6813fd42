using ArticleThemes.Featurization;

namespace ArticleThemes.Tests.Featurization;

public class FeatureScratchTests
{
    [Fact]
    public void A_count_stops_at_MaxCount_and_says_so()
    {
        var scratch = FeatureScratch.ForCurrentThread(64);

        Assert.Equal(0, scratch.Increment(3));
        for (int i = 1; i < FeatureScratch.MaxCount; i++)
        {
            Assert.Equal(i, scratch.Increment(3));
        }

        Assert.Equal(FeatureScratch.MaxCount, scratch.Increment(3));
        Assert.Equal(FeatureScratch.MaxCount, scratch.CountOf(3));
        Assert.Equal(0, scratch.CountOf(4));
    }

    [Fact]
    public void Only_Add_lists_a_slot_and_only_once()
    {
        var scratch = FeatureScratch.ForCurrentThread(64);

        scratch.Increment(1);
        Assert.Equal(0, scratch.Add(2));
        Assert.Equal(1, scratch.Add(2));
        Assert.Equal(0, scratch.Add(7));

        Assert.Equal([2, 7], scratch.Touched.ToArray());
        Assert.Equal(1, scratch.CountOf(1));
    }

    [Fact]
    public void Counts_of_an_earlier_text_never_show_in_a_later_one_even_after_the_generation_tag_wraps()
    {
        // The tag has 16 bits, so within 70,000 texts it comes back to the value it had for the first one.
        for (int text = 0; text < 70_000; text++)
        {
            var scratch = FeatureScratch.ForCurrentThread(64);
            Assert.Equal(0, scratch.CountOf(5));
            Assert.Equal(0, scratch.Touched.Length);
            scratch.Add(text == 0 ? 5 : 6);
        }
    }
}
