using ArticleThemes.Corpus;
using ArticleThemes.Tests.TestSupport;
using ArticleThemes.Training;

namespace ArticleThemes.Tests.Training;

public class ThemeTrainerTests
{
    [Fact]
    public void The_same_seed_gives_the_same_model_and_metrics()
    {
        var corpus = TestData.SmallCorpus(every: 6);
        var options = new TrainingOptions { Trainer = TrainerKind.Sdca, Folds = 3, Seed = 7 };

        var first = ThemeTrainer.Train(corpus, options);
        var second = ThemeTrainer.Train(corpus, options);

        for (int h = 0; h < first.Heads.Count; h++)
        {
            Assert.Equal(first.Heads[h].Linear!.Weights, second.Heads[h].Linear!.Weights);
            Assert.Equal(first.Heads[h].Linear!.Bias, second.Heads[h].Linear!.Bias);
        }

        Assert.Equal(first.Info.Thresholds, second.Info.Thresholds);
        Assert.Equal(first.Chosen.Metrics.MacroF1, second.Chosen.Metrics.MacroF1);
        Assert.Equal(first.Info.TestMetrics!.Themes.Select(t => t.TruePositives), second.Info.TestMetrics!.Themes.Select(t => t.TruePositives));
    }

    [Fact]
    public void A_different_seed_changes_the_cross_validation()
    {
        var corpus = TestData.SmallCorpus(every: 6);

        var a = ThemeTrainer.AssignFolds(corpus.Train.ToArray(), 3, 1);
        var b = ThemeTrainer.AssignFolds(corpus.Train.ToArray(), 3, 2);

        Assert.NotEqual(a, b);
    }

    [Fact]
    public void With_writers_each_writer_is_in_one_fold_and_folds_are_balanced()
    {
        var train = TestData.Corpus.Train.ToArray();
        Assert.All(train, d => Assert.NotNull(d.Writer));

        var folds = ThemeTrainer.AssignFolds(train, 5, 42);

        Assert.All(train.Select((d, i) => (d.Writer, Fold: folds[i])).GroupBy(x => x.Writer), g => Assert.Single(g.Select(x => x.Fold).Distinct()));
        var sizes = Enumerable.Range(0, 5).Select(f => folds.Count(x => x == f)).ToArray();
        Assert.True(sizes.Min() >= train.Length / 5 * 0.8, string.Join(",", sizes));
    }

    [Fact]
    public void Without_writers_folds_are_stratified_by_theme_combination()
    {
        var train = TestData.Corpus.Train.Select(d => d with { Writer = null }).ToArray();

        var folds = ThemeTrainer.AssignFolds(train, 5, 42);

        foreach (var combination in train.GroupBy(d => d.Combination))
        {
            var perFold = Enumerable.Range(0, 5).Select(f => combination.Count(d => folds[Array.IndexOf(train, d)] == f)).ToArray();
            Assert.True(perFold.Max() - perFold.Min() <= 1, $"{combination.Key}: {string.Join(",", perFold)}");
        }
    }

    [Fact]
    public void Training_never_reads_the_test_split()
    {
        // Changing every test document's labels must not change the trained heads or thresholds.
        var corpus = TestData.SmallCorpus(every: 6);
        var flipped = new LabeledCorpus("flipped", corpus.Documents
            .Select(d => d.Split == CorpusSplit.Test ? d with { Themes = d.Themes.Count == 0 ? [ThemeNames.Trade] : [], Text = d.Text + " changed" } : d)
            .ToArray());
        var options = new TrainingOptions { Trainer = TrainerKind.Sdca, Folds = 3, EmbeddingCache = TestData.EmbeddingCacheDirectory };

        var original = ThemeTrainer.Train(corpus, options);
        var changed = ThemeTrainer.Train(flipped, options);

        Assert.Equal(original.Heads[0].Linear!.Weights, changed.Heads[0].Linear!.Weights);
        Assert.Equal(original.Info.Thresholds, changed.Info.Thresholds);
        Assert.NotEqual(original.Info.TestMetrics!.ExactMatches, changed.Info.TestMetrics!.ExactMatches);
    }

    [Fact]
    public void Themes_come_from_the_corpus_not_a_fixed_list()
    {
        var documents = TestData.SmallCorpus(every: 5).Documents
            .Select(d => d with { Themes = d.Themes.Select(t => t == ThemeNames.Trade ? "commerce" : t).ToArray() })
            .ToArray();

        var result = ThemeTrainer.Train(new LabeledCorpus("renamed", documents), new TrainingOptions { Trainer = TrainerKind.Sdca, Folds = 3, EmbeddingCache = TestData.EmbeddingCacheDirectory });
        var classifier = result.ToClassifier();

        Assert.Equal(["commerce", ThemeNames.Migration, ThemeNames.Militarization], classifier.Themes);
        Assert.InRange(classifier.Classify("Tariffs on steel imports rise again").Probability("commerce"), 0f, 1f);
    }

    [Fact]
    public void A_corpus_without_themes_cannot_be_trained()
    {
        var documents = TestData.SmallCorpus(every: 10).Documents.Select(d => d with { Themes = [] }).ToArray();

        var error = Assert.Throws<DataFormatException>(() => ThemeTrainer.Train(new LabeledCorpus("empty", documents), new TrainingOptions()));

        Assert.Contains("no document has a theme", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Lbfgs_heads_on_hashed_features_take_their_own_stronger_default_L2()
    {
        var corpus = TestData.SmallCorpus(every: 6);
        var byDefault = ThemeTrainer.Train(corpus, new TrainingOptions { Trainer = TrainerKind.Lbfgs, Folds = 3, WordVectors = false });
        var weak = ThemeTrainer.Train(corpus, new TrainingOptions { Trainer = TrainerKind.Lbfgs, Folds = 3, WordVectors = false, L2Regularization = 1e-3f });

        string hashed = HeadTrainers.Settings(TrainerKind.Lbfgs, null, HeadFeatures.Hashed)["l2Regularization"];
        Assert.NotEqual(HeadTrainers.Settings(TrainerKind.Lbfgs, null, HeadFeatures.Embedding)["l2Regularization"], hashed);
        Assert.Equal(hashed, byDefault.Info.TrainerSettings["l2Regularization"]);
        Assert.Equal("0.001", weak.Info.TrainerSettings["l2Regularization"]);

        // The default reaches the trainer: every head's weights are smaller than under the weak setting.
        for (int h = 0; h < byDefault.Heads.Count; h++)
        {
            double Norm(IReadOnlyList<float> w) => Math.Sqrt(w.Sum(x => (double)x * x));
            Assert.True(Norm(byDefault.Heads[h].Linear!.Weights) < Norm(weak.Heads[h].Linear!.Weights));
        }
    }

    [Fact]
    public void Thresholds_maximize_F1_and_stay_in_bounds()
    {
        float[] probabilities = [0.9f, 0.8f, 0.7f, 0.4f, 0.3f, 0.1f];
        bool[] labels = [true, true, true, false, false, false];

        float threshold = ThresholdTuner.Tune(probabilities, labels);

        Assert.InRange(threshold, 0.4f, 0.7f);
        Assert.Equal(0.5f, ThresholdTuner.Tune([0.2f, 0.4f], [false, false]));
        Assert.Equal(ThresholdTuner.Minimum, ThresholdTuner.Tune([0.03f, 0.02f, 0.01f, 0.005f], [true, true, true, false]));
    }

    [Fact]
    public void Threshold_is_the_middle_of_the_near_best_cuts_not_the_single_best_one()
    {
        // 300 clear positives (0.951 down to 0.652) and 300 clear negatives (0.350 down to 0.051); between them
        // negatives at 0.64, 0.60 ... 0.44 alternate with positives at 0.62, 0.58 ... 0.42, then a negative at 0.40.
        // The single best F1 (0.9903) is the cut at 0.41, just under the last positive; every cut from about 0.65
        // down to about 0.34 is within 0.01 of it, and the middle of those is near 0.5.
        var probabilities = new List<float>();
        var labels = new List<bool>();
        for (int i = 0; i < 300; i++)
        {
            probabilities.Add(0.951f - (i * 0.001f));
            labels.Add(true);
            probabilities.Add(0.350f - (i * 0.001f));
            labels.Add(false);
        }

        for (int step = 0; step < 7; step++)
        {
            probabilities.Add(0.64f - (step * 0.04f));
            labels.Add(false);
            if (step < 6)
            {
                probabilities.Add(0.62f - (step * 0.04f));
                labels.Add(true);
            }
        }

        float threshold = ThresholdTuner.Tune(probabilities, labels);

        Assert.InRange(threshold, 0.45f, 0.60f);
    }
}
