using ArticleThemes.Tests.TestSupport;
using ArticleThemes.Training;

namespace ArticleThemes.Tests.Training;

public sealed class TrainingUpdateTests
{
    [Fact]
    public void Training_reports_every_head_fit_in_order_and_its_messages()
    {
        var updates = new List<TrainingUpdate>();
        var corpus = TestData.SmallCorpus(every: 8);

        ThemeTrainer.Train(corpus, new TrainingOptions { Trainer = TrainerKind.Sdca, Folds = 2, EmbeddingCache = TestData.EmbeddingCacheDirectory }, new Recorder(updates));

        var fits = updates.Where(u => u.Message is null).ToArray();
        int themes = corpus.Themes.Count;
        int total = (1 * 2 * themes) + themes; // one trainer x two folds x themes, then the final heads
        Assert.Equal(Enumerable.Range(1, total), fits.Select(f => f.FitsDone));
        Assert.All(fits, f => Assert.Equal(total, f.FitsTotal));
        Assert.Contains(updates, u => u.Message == $"Cross-validating sdca (2 folds x {themes} themes)...");
        // The final heads' fits come after the message that announces them.
        int announce = updates.FindIndex(u => u.Message?.StartsWith("Training the final", StringComparison.Ordinal) == true);
        Assert.Equal(2 * themes, updates.Take(announce).Count(u => u.Message is null));
    }

    /// <summary>Records on the calling thread, in order (Progress&lt;T&gt; would post to the thread pool).</summary>
    private sealed class Recorder(List<TrainingUpdate> updates) : IProgress<TrainingUpdate>
    {
        public void Report(TrainingUpdate value) => updates.Add(value);
    }
}
