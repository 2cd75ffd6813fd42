using ArticleThemes.Semantic;
using ArticleThemes.Tests.TestSupport;
using ArticleThemes.Training;

namespace ArticleThemes.Tests.Training;

/// <summary>Training the accurate tier: what it writes, read back as a user would read it.</summary>
public sealed class SemanticTrainerTests
{
    [Fact]
    public void A_trained_model_read_back_labels_the_test_split_as_training_measured_it()
    {
        var corpus = TestData.SmallCorpus(every: 20);
        var result = SemanticTrainer.Train(corpus, new TrainingOptions { Trainer = TrainerKind.Sdca, Folds = 3, EmbeddingCache = TestData.EmbeddingCacheDirectory });
        using var buffer = new MemoryStream();
        result.Save(buffer);
        buffer.Position = 0;
        using var classifier = SemanticThemeClassifier.Load(buffer);
        var test = corpus.Test.ToArray();

        var predictions = classifier.ClassifyBatch(test.Select(d => d.Text).ToArray());

        // The saved neighbour index, heads and thresholds must give exactly the decisions training counted.
        Assert.Contains("neighbours", classifier.Info.TrainerSettings.Keys);
        var measured = result.Info.TestMetrics!;
        for (int t = 0; t < classifier.Themes.Count; t++)
        {
            string theme = classifier.Themes[t];
            int truePositives = test.Where((d, i) => d.Has(theme) && predictions[i].Scores[t].IsPresent).Count();
            int falsePositives = test.Where((d, i) => !d.Has(theme) && predictions[i].Scores[t].IsPresent).Count();
            Assert.Equal(measured.Themes[t].TruePositives, truePositives);
            Assert.Equal(measured.Themes[t].FalsePositives, falsePositives);
        }
    }

    [Fact]
    public void Writers_are_the_neighbour_groups_and_each_document_is_its_own_when_one_writer_is_missing()
    {
        var documents = TestData.SmallCorpus(every: 50).Train.Take(40).ToArray();

        var byWriter = SemanticTrainer.WriterGroups(documents);
        var anonymous = SemanticTrainer.WriterGroups(documents.Select((d, i) => i == 3 ? d with { Writer = null } : d).ToArray());

        for (int i = 0; i < documents.Length; i++)
        {
            for (int j = 0; j < documents.Length; j++)
            {
                Assert.Equal(documents[i].Writer == documents[j].Writer, byWriter[i] == byWriter[j]);
            }
        }

        Assert.Equal(Enumerable.Range(0, documents.Length), anonymous);
    }
}
