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
    public void The_test_split_is_stratified_by_combination_and_genre()
    {
        var documents = TestData.Corpus.Documents;
        double overall = (double)documents.Count(d => d.Split == CorpusSplit.Test) / documents.Count;

        foreach (var group in documents.GroupBy(d => d.Combination).Where(g => g.Count() >= 40))
        {
            double share = (double)group.Count(d => d.Split == CorpusSplit.Test) / group.Count();
            Assert.InRange(share, overall - 0.06, overall + 0.06);
        }

        foreach (var group in documents.GroupBy(d => d.Genre))
        {
            double share = (double)group.Count(d => d.Split == CorpusSplit.Test) / group.Count();
            Assert.InRange(share, overall - 0.06, overall + 0.06);
        }
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
        var documents = TestData.Corpus.Documents.Take(200).ToList();
        var copy = documents[0] with { Id = "copy" };
        documents.Add(copy);

        var split = CorpusSplitter.Split(documents, 0.3, 1);

        Assert.Empty(NearDuplicates.AcrossSplits(split, NearDuplicates.Threshold));
        Assert.InRange(split.Count(d => d.Split == CorpusSplit.Test), 50, 70);
    }
}
