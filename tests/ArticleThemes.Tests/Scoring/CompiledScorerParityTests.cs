using ArticleThemes.Featurization;
using ArticleThemes.Model;
using ArticleThemes.Scoring;
using ArticleThemes.Tests.TestSupport;
using ArticleThemes.Training;
using Microsoft.ML;

namespace ArticleThemes.Tests.Scoring;

/// <summary>The compiled hot path must say exactly what the ML.NET heads stored in the model file say.</summary>
public class CompiledScorerParityTests
{
    private const float Tolerance = 1e-4f;

    [Fact]
    public void The_default_model_agrees_with_its_MLNet_heads_on_every_test_document()
    {
        using var stream = typeof(ThemeClassifier).Assembly.GetManifestResourceStream(ThemeClassifier.DefaultModelResourceName)!;
        var heads = ModelWriter.ReadMLNetHeads(stream, "default model", new MLContext(1));
        var classifier = TestData.Default;
        var featurizer = heads.Featurizer;
        var engines = heads.Heads.Select(h => Engine(h, heads.InputSlots?.Length ?? featurizer.FeatureCount)).ToArray();
        var selection = heads.InputSlots is null ? null : new SlotSelection(featurizer.FeatureCount, heads.InputSlots);

        int documents = 0;
        foreach (var document in TestData.Corpus.Test)
        {
            var vector = ThemeTrainer.ToVector(featurizer, document.Text);
            var row = new FeatureRow { Features = selection is null ? vector : selection.Project(vector) };
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

    [Theory]
    [InlineData("fasttree")]
    [InlineData("lbfgs")]
    [InlineData("sdca")]
    public void Compiled_heads_agree_with_MLNet_for_every_trainer(string trainer)
    {
        Assert.True(TrainerKinds.TryParse(trainer, out var kind));
        var corpus = TestData.SmallCorpus(every: 5);
        // With the default lexicon, so the lexicon groups' features are held to ML.NET too.
        var featurizer = new TextFeaturizer(FeaturizerOptions.Default, DefaultLexicon.Value);
        var train = corpus.Train.ToArray();
        var vectors = train.Select(d => ThemeTrainer.ToVector(featurizer, d.Text)).ToArray();
        var labels = new[] { train.Select(d => d.Has(ThemeNames.Militarization)).ToArray() };
        var selection = kind == TrainerKind.FastTree ? SlotSelection.FromLabels(featurizer, vectors, labels, Enumerable.Range(0, train.Length).ToArray()) : null;
        var inputs = selection is null ? vectors : vectors.Select(selection.Project).ToArray();
        int dimension = selection?.Slots.Length ?? featurizer.FeatureCount;

        var ml = new MLContext(3);
        var data = ml.Data.LoadFromEnumerable(inputs.Select((v, i) => new FeatureRow { Features = v, Label = labels[0][i] }).ToArray(), HeadTrainers.InputSchema(dimension));
        var head = HeadTrainers.Create(ml, kind, 3).Fit(data);
        var compiled = new CompiledScorer(featurizer, [HeadCompiler.Compile(head, kind.ToString(), featurizer.FeatureCount, selection?.Slots)]);
        var engine = Engine(head, dimension);

        var probabilities = new float[1];
        foreach (var document in corpus.Test)
        {
            var vector = ThemeTrainer.ToVector(featurizer, document.Text);
            float expected = engine.Predict(new FeatureRow { Features = selection is null ? vector : selection.Project(vector) }).Probability;
            compiled.Score(document.Text, probabilities);
            Assert.True(Math.Abs(expected - probabilities[0]) <= Tolerance, $"{kind} {document.Id}: ML.NET {expected}, compiled {probabilities[0]}");
        }
    }

    private static PredictionEngine<FeatureRow, HeadOutput> Engine(ITransformer head, int dimension) =>
        new MLContext(1).Model.CreatePredictionEngine<FeatureRow, HeadOutput>(head, inputSchemaDefinition: HeadTrainers.InputSchema(dimension));
}
