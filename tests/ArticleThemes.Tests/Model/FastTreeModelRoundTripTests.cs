using ArticleThemes.Model;
using ArticleThemes.Scoring;
using ArticleThemes.Tests.TestSupport;
using ArticleThemes.Training;
using Microsoft.ML;

namespace ArticleThemes.Tests.Model;

/// <summary>
/// A model with FastTree heads, written by ModelWriter and loaded by ThemeClassifier.Load, scores exactly as the
/// trained model's own compiled heads and as the ML.NET trees stored beside them: the trees survive scorer.bin.
/// </summary>
public sealed class FastTreeModelRoundTripTests
{
    private const float Tolerance = 1e-4f;

    [Fact]
    public void A_FastTree_model_read_back_from_its_file_scores_as_trained()
    {
        var corpus = TestData.SmallCorpus(every: 25);
        var trained = ThemeTrainer.Train(corpus, new TrainingOptions { Trainer = TrainerKind.FastTree, Folds = 2, EmbeddingCache = TestData.EmbeddingCacheDirectory });
        Assert.All(trained.Heads, head => Assert.True(head.Trees is { Trees.Length: > 1 } && head.Linear is null, "every head is a tree ensemble"));

        string path = TestData.TempPath(".zip");
        trained.Save(path, overwrite: false);
        var loaded = ThemeClassifier.Load(path);
        var inMemory = new CompiledScorer(trained.Featurizer, trained.Heads);
        using var file = File.OpenRead(path);
        var stored = ModelWriter.ReadMLNetHeads(file, path, new MLContext(1));
        var engines = stored.Heads.Select(h => new MLContext(1).Model.CreatePredictionEngine<FeatureRow, HeadOutput>(
            h, inputSchemaDefinition: HeadTrainers.InputSchema(stored.InputSlots?.Length ?? stored.Featurizer.FeatureCount))).ToArray();
        var selection = stored.InputSlots is null ? null : new SlotSelection(stored.Featurizer.FeatureCount, stored.InputSlots);

        Assert.Equal("fasttree", loaded.Info.Trainer);
        Assert.Equal(trained.Info.Themes, loaded.Themes);
        Assert.Equal(trained.Info.Thresholds, loaded.Info.Thresholds);

        string[] extra = ["", "!!!", "Soldiers were sent to the border to stop migrants crossing the river.", string.Concat(Enumerable.Repeat("tariffs on steel imports ", 400))];
        var probabilities = new float[trained.Heads.Count];
        var seen = new HashSet<float>();
        foreach (string text in corpus.Test.Select(d => d.Text).Concat(extra))
        {
            var prediction = loaded.Classify(text);
            inMemory.Score(text, probabilities);
            var vector = ThemeTrainer.ToVector(stored.Featurizer, text);
            var row = new FeatureRow { Features = selection is null ? vector : selection.Project(vector) };
            for (int t = 0; t < probabilities.Length; t++)
            {
                var score = prediction.Scores[t];
                Assert.Equal(probabilities[t], score.Probability);
                float expected = engines[t].Predict(row).Probability;
                Assert.True(Math.Abs(expected - score.Probability) <= Tolerance, $"{score.Theme} on \"{text[..Math.Min(60, text.Length)]}\": ML.NET {expected}, from the file {score.Probability}");
                Assert.Equal(expected >= score.Threshold, score.IsPresent);
                seen.Add(score.Probability);
            }
        }

        // Trees that put every text in one leaf would pass the comparisons above without testing much.
        Assert.True(seen.Count > 20, $"only {seen.Count} distinct probabilities");
    }
}
