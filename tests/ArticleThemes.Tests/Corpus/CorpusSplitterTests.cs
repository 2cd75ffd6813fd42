using ArticleThemes.Corpus;

namespace ArticleThemes.Tests.Corpus;

public sealed class CorpusSplitterTests
{
    [Fact]
    public void With_writers_whole_writers_are_held_out_and_every_genre_keeps_a_training_writer()
    {
        var documents = new List<CorpusDocument>();
        string[] genres = ["headline", "wire", "speech"];
        for (int w = 0; w < 12; w++)
        {
            for (int i = 0; i < 20; i++)
            {
                documents.Add(new CorpusDocument($"w{w}-{i}", $"Document {i} of writer {w}.", i % 2 == 0 ? [] : [ThemeNames.Trade], genres[w % 3], CorpusSplit.Train) { Writer = $"writer-{w}" });
            }
        }

        var split = CorpusSplitter.Split(documents, 0.25, seed: 7);

        var byWriter = split.GroupBy(d => d.Writer).ToArray();
        Assert.All(byWriter, g => Assert.Single(g.Select(d => d.Split).Distinct()));
        double testShare = split.Count(d => d.Split == CorpusSplit.Test) / (double)split.Count;
        Assert.InRange(testShare, 0.2, 0.3);
        foreach (string genre in genres)
        {
            Assert.Contains(split, d => d.Genre == genre && d.Split == CorpusSplit.Train);
        }

        Assert.Equal(split.Select(d => d.Split), CorpusSplitter.Split(documents, 0.25, seed: 7).Select(d => d.Split));
    }

    [Fact]
    public void A_genre_with_one_writer_never_goes_to_test()
    {
        var documents = Enumerable.Range(0, 10).Select(i => new CorpusDocument($"a{i}", "A text.", [], "court", CorpusSplit.Train) { Writer = "only-court" })
            .Concat(Enumerable.Range(0, 30).Select(i => new CorpusDocument($"b{i}", "A text.", [], "wire", CorpusSplit.Train) { Writer = $"wire-{i % 3}" }))
            .ToArray();

        var split = CorpusSplitter.Split(documents, 0.5, seed: 1);

        Assert.All(split.Where(d => d.Writer == "only-court"), d => Assert.Equal(CorpusSplit.Train, d.Split));
        Assert.Contains(split, d => d.Split == CorpusSplit.Test);
    }
}
