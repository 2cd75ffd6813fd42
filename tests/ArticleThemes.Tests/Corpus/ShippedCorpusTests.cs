using ArticleThemes.Corpus;
using ArticleThemes.Tests.TestSupport;

namespace ArticleThemes.Tests.Corpus;

/// <summary>The committed corpus keeps the promises of data/README.md.</summary>
public class ShippedCorpusTests
{
    [Fact]
    public void It_meets_every_minimum_count()
    {
        Assert.Empty(CorpusRequirements.Check(TestData.Corpus));
    }

    [Fact]
    public void It_uses_only_the_three_themes()
    {
        string[] known = [ThemeNames.Migration, ThemeNames.Militarization, ThemeNames.Trade];

        var corpus = CorpusReader.Load(TestData.CorpusPath, allowedThemes: known);

        Assert.Equal(known, corpus.Themes);
    }

    [Fact]
    public void No_train_and_test_pair_is_a_near_duplicate()
    {
        var pairs = NearDuplicates.AcrossSplits(TestData.Corpus.Documents, NearDuplicates.Threshold);

        Assert.True(pairs.Count == 0, string.Join("\n", pairs.Take(10).Select(p => $"{p.Train.Id} ~ {p.Test.Id}: {p.Similarity:0.00}")));
    }

    [Fact]
    public void The_test_split_holds_out_whole_writers_and_every_genre_is_still_trained_on()
    {
        var documents = TestData.Corpus.Documents;

        Assert.All(documents.GroupBy(d => d.Writer), g => Assert.Single(g.Select(d => d.Split).Distinct()));
        Assert.All(documents.GroupBy(d => d.Genre), g => Assert.Contains(g, d => d.Split == CorpusSplit.Train));
        Assert.True(documents.Select(d => d.Writer).Distinct().Count(w => documents.First(d => d.Writer == w).Split == CorpusSplit.Test) >= 4, "at least four writers are held out");
    }

    [Fact]
    public void The_shipped_model_is_trained_on_the_committed_corpus()
    {
        Assert.True(
            TestData.Default.Info.CorpusFingerprint == TestData.Corpus.Fingerprint,
            "models/article-themes.zip is stale: it was trained on another version of data/corpus.jsonl. Retrain it with " +
            "'dotnet run --project src/ArticleThemes.Cli -- train --data data/corpus.jsonl --output models/article-themes.zip --force'.");
    }

    [Fact]
    public void The_near_duplicate_check_catches_a_copied_document()
    {
        var original = TestData.Corpus.Train.First(d => d.WordCount > 100);
        var copy = original with { Id = "copy", Split = CorpusSplit.Test, Text = original.Text.Replace("the ", "a ", StringComparison.Ordinal) };

        var pairs = NearDuplicates.AcrossSplits([original, copy], NearDuplicates.Threshold);

        Assert.Single(pairs);
    }

    [Fact]
    public void Splitting_moves_near_duplicates_out_of_the_test_split()
    {
        // Without writers, so the stratified split (the one that can separate near-duplicates) runs.
        var documents = TestData.Corpus.Documents.Take(200).Select(d => d with { Writer = null }).ToList();
        var copy = documents[0] with { Id = "copy" };
        documents.Add(copy);

        var split = CorpusSplitter.Split(documents, 0.3, 1);

        Assert.Empty(NearDuplicates.AcrossSplits(split, NearDuplicates.Threshold));
        Assert.InRange(split.Count(d => d.Split == CorpusSplit.Test), 50, 70);
    }
}
