using ArticleThemes.Featurization;
using ArticleThemes.Model;
using ArticleThemes.Scoring;
using ArticleThemes.Tests.TestSupport;
using ArticleThemes.Training;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace ArticleThemes.Tests.Scoring;

/// <summary>The compiled hot path must say exactly what the ML.NET heads stored in the model file say.</summary>
public class CompiledScorerParityTests
{
    private const float Tolerance = 1e-4f;

    [Fact]
    public void The_default_model_agrees_with_its_MLNet_heads_on_every_test_document()
    {
        using var stream = typeof(ThemeClassifier).Assembly.GetManifestResourceStream(ThemeClassifier.DefaultModelResourceName)!;
        // The model's word vectors were also read in its training split, so rebuilding them needs its texts.
        var heads = ModelWriter.ReadMLNetHeads(stream, "default model", new MLContext(1), TestData.Corpus.Train.Select(d => d.Text).ToArray(), TestData.EmbeddingCacheDirectory);
        var classifier = TestData.Default;
        var engines = heads.Heads.Select(h => Engine(h, heads.InputSize)).ToArray();

        int documents = 0;
        foreach (var document in TestData.Corpus.Test)
        {
            // The ML.NET side reads the word vectors' mean as training computed it (vectors encoded again from the
            // model's vocabulary entry); serving reads only the per-word scores compiled from them.
            var row = new FeatureRow { Features = heads.Input(document.Text) };
            var prediction = classifier.Classify(document.Text);
            for (int t = 0; t < engines.Length; t++)
            {
                float expected = engines[t].Predict(row).Probability;
                var score = prediction.Scores[t];
                Assert.True(Math.Abs(expected - score.Probability) <= Tolerance, $"{document.Id} {score.Theme}: ML.NET {expected}, compiled {score.Probability}");
                Assert.Equal(expected >= score.Threshold, score.IsPresent);
            }

            documents++;
        }

        Assert.Equal(TestData.Corpus.Test.Count(), documents);
    }

    [Fact]
    public void Rebuilding_the_default_model_s_word_vectors_without_its_training_texts_is_refused()
    {
        using var stream = typeof(ThemeClassifier).Assembly.GetManifestResourceStream(ThemeClassifier.DefaultModelResourceName)!;

        var error = Assert.Throws<ArgumentException>(() => ModelWriter.ReadMLNetHeads(stream, "default model", new MLContext(1)));

        Assert.Contains("training split", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("fasttree", false, 0)]
    [InlineData("lbfgs", false, 0)]
    [InlineData("sdca", false, 0)]
    [InlineData("lbfgs", true, 0)]
    [InlineData("sdca", true, 0)]
    [InlineData("lbfgs", true, 1.5)]
    public void Compiled_heads_agree_with_MLNet_for_every_trainer(string trainer, bool wordVectors, double wordPriorWeight)
    {
        Assert.True(TrainerKinds.TryParse(trainer, out var kind));
        var corpus = TestData.SmallCorpus(every: 5);
        // With the default lexicon, so the lexicon groups' features are held to ML.NET too.
        var featurizer = new TextFeaturizer(FeaturizerOptions.Default, DefaultLexicon.Value);
        var train = corpus.Train.ToArray();
        var words = wordVectors ? TestData.SmallWordVectors.WithPriorWeight(wordPriorWeight) : null;
        VBuffer<float> Input(string text) => words is null ? ThemeTrainer.ToVector(featurizer, text) : words.Extend(ThemeTrainer.ToVector(featurizer, text), text);
        var vectors = train.Select(d => Input(d.Text)).ToArray();
        var labels = new[] { train.Select(d => d.Has(ThemeNames.Militarization)).ToArray() };
        var selection = kind == TrainerKind.FastTree ? SlotSelection.FromLabels(featurizer, vectors, labels, Enumerable.Range(0, train.Length).ToArray()) : null;
        var inputs = selection is null ? vectors : vectors.Select(selection.Project).ToArray();
        int dimension = selection?.Slots.Length ?? vectors[0].Length;

        var ml = new MLContext(3);
        var data = ml.Data.LoadFromEnumerable(inputs.Select((v, i) => new FeatureRow { Features = v, Label = labels[0][i] }).ToArray(), HeadTrainers.InputSchema(dimension));
        var head = HeadTrainers.Create(ml, kind, 3).Fit(data);
        CompiledHead[] heads = [HeadCompiler.Compile(head, kind.ToString(), vectors[0].Length, selection?.Slots)];
        var compiled = new CompiledScorer(featurizer, heads, words?.Compile(heads, featurizer.FeatureCount));
        var engine = Engine(head, dimension);

        var probabilities = new float[1];
        foreach (var document in corpus.Test)
        {
            var vector = Input(document.Text);
            float expected = engine.Predict(new FeatureRow { Features = selection is null ? vector : selection.Project(vector) }).Probability;
            compiled.Score(document.Text, probabilities);
            Assert.True(Math.Abs(expected - probabilities[0]) <= Tolerance, $"{kind} {document.Id}: ML.NET {expected}, compiled {probabilities[0]}");
        }
    }

    private static PredictionEngine<FeatureRow, HeadOutput> Engine(ITransformer head, int dimension) =>
        new MLContext(1).Model.CreatePredictionEngine<FeatureRow, HeadOutput>(head, inputSchemaDefinition: HeadTrainers.InputSchema(dimension));
}
