using ArticleThemes.Corpus;
using ArticleThemes.Tests.TestSupport;
using ArticleThemes.Training;

namespace ArticleThemes.Tests.Training;

/// <summary>The accurate tier teaching the fast tier the sentences of longer training documents.</summary>
public sealed class TeacherSentencesTests
{
    [Fact]
    public void Sentences_end_at_a_stop_before_a_capital_and_at_line_breaks()
    {
        const string text = "The ministry met on Monday. Tariffs rose again!  Did U.S. exports fall? Not by much, said Mr. smith.\nA line of its own\n\n\"Quoted,\" he said.";

        var sentences = TeacherSentences.Sentences(text);

        Assert.Equal(
            ["The ministry met on Monday.", "Tariffs rose again!", "Did U.S. exports fall?", "Not by much, said Mr. smith.", "A line of its own", "\"Quoted,\" he said."],
            sentences);
    }

    [Fact]
    public void Taught_sentences_come_from_longer_training_documents_under_their_writer()
    {
        var corpus = TestData.SmallCorpus(every: 20);
        var train = corpus.Train.ToArray();
        var options = new TrainingOptions { Folds = 3, EmbeddingCache = TestData.EmbeddingCacheDirectory };

        var taught = TeacherSentences.Label(corpus.Themes, train, options, null, CancellationToken.None);

        Assert.NotEmpty(taught);
        var byId = train.ToDictionary(d => d.Id, StringComparer.Ordinal);
        Assert.All(taught, s =>
        {
            var parent = byId[s.Id[..s.Id.LastIndexOf("#s", StringComparison.Ordinal)]];
            Assert.Contains(s.Text, parent.Text, StringComparison.Ordinal);
            Assert.True(TeacherSentences.Sentences(parent.Text).Count >= 2, parent.Id);
            Assert.True(s.WordCount >= TeacherSentences.MinimumWords, s.Text);
            Assert.Equal(parent.Writer, s.Writer);
            Assert.Equal(CorpusSplit.Train, s.Split);
            Assert.All(s.Themes, t => Assert.Contains(t, corpus.Themes));
        });

        // The teacher decides from the sentence: some sentences of theme documents carry none of their document's themes.
        Assert.Contains(taught, s => !byId[s.Id[..s.Id.LastIndexOf("#s", StringComparison.Ordinal)]].Themes.SequenceEqual(s.Themes));
    }

    [Fact]
    public void A_fast_model_trained_with_them_is_tuned_and_measured_on_the_documents_alone()
    {
        var corpus = TestData.SmallCorpus(every: 20);
        var options = new TrainingOptions { Trainer = TrainerKind.Sdca, Folds = 3, EmbeddingCache = TestData.EmbeddingCacheDirectory, TeacherSentences = true };

        var result = ThemeTrainer.Train(corpus, options);

        Assert.Equal(corpus.Train.Count(), result.Chosen.Metrics.Documents);
        Assert.Equal(corpus.Train.Count(), result.Info.TrainingDocuments);
        Assert.Contains("teacherSentences", result.Info.TrainerSettings.Keys);
        Assert.Equal(corpus.Test.Count(), result.Info.TestMetrics!.Documents);
    }
}
