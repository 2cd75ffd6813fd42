using ArticleThemes.Corpus;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace ArticleThemes.Benchmarks;

/// <summary>
/// The textbook ML.NET way to get three themes, every benchmark's baseline: one chain with three binary heads,
/// each with its own <c>FeaturizeText</c> (defaults) and <c>SdcaLogisticRegression</c>, and one
/// <see cref="PredictionEngine{TSrc,TDst}"/>. Trained once on the corpus's training split and saved beside the
/// benchmarks, so that the cold-start benchmark loads it from disk as a user would.
/// </summary>
public sealed class TextbookPipeline
{
    private static readonly string[] s_themes = [ThemeNames.Migration, ThemeNames.Militarization, ThemeNames.Trade];

    private TextbookPipeline(MLContext mlContext, ITransformer model)
    {
        MLContext = mlContext;
        Model = model;
        Engine = mlContext.Model.CreatePredictionEngine<TextInput, ThemeOutput>(model);
    }

    /// <summary>A fixed place every benchmark process can find (BenchmarkDotNet runs each in its own folder).</summary>
    public static string ModelPath => Path.Combine(Path.GetTempPath(), "article-themes-benchmarks", "textbook-model.zip");

    public MLContext MLContext { get; }

    public ITransformer Model { get; }

    public PredictionEngine<TextInput, ThemeOutput> Engine { get; }

    /// <summary>Trains and saves the model; the host runs this before any benchmark process starts.</summary>
    public static void Prepare()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(ModelPath)!);
        var ml = new MLContext(1);
        var corpus = CorpusReader.Load(Path.Combine(AppContext.BaseDirectory, "data", "corpus.jsonl"));
        var rows = corpus.Train.Select(d => new TrainingRow
        {
            Text = d.Text,
            Migration = d.Has(ThemeNames.Migration),
            Militarization = d.Has(ThemeNames.Militarization),
            Trade = d.Has(ThemeNames.Trade),
        }).ToArray();
        var data = ml.Data.LoadFromEnumerable(rows);

        IEstimator<ITransformer> pipeline = new EstimatorChain<ITransformer>();
        foreach (var theme in s_themes)
        {
            string label = char.ToUpperInvariant(theme[0]) + theme[1..];
            pipeline = pipeline
                .Append(ml.Transforms.Text.FeaturizeText($"{label}Features", nameof(TextInput.Text)))
                .Append(ml.BinaryClassification.Trainers.SdcaLogisticRegression(labelColumnName: label, featureColumnName: $"{label}Features"))
                .Append(ml.Transforms.CopyColumns($"{label}Probability", "Probability"));
        }

        var model = pipeline.Fit(data);
        string temporary = ModelPath + ".tmp";
        using (var stream = File.Create(temporary))
        {
            ml.Model.Save(model, data.Schema, stream);
        }

        File.Move(temporary, ModelPath, overwrite: true);
    }

    public static TextbookPipeline Load()
    {
        if (!File.Exists(ModelPath))
        {
            throw new InvalidOperationException($"{ModelPath} is missing: run the benchmarks through their Program, which trains the textbook model first.");
        }

        var ml = new MLContext(1);
        using var stream = File.OpenRead(ModelPath);
        return new TextbookPipeline(ml, ml.Model.Load(stream, out _));
    }

    public sealed class TextInput
    {
        public string Text { get; set; } = string.Empty;
    }

    public sealed class TrainingRow
    {
        public string Text { get; set; } = string.Empty;

        public bool Migration { get; set; }

        public bool Militarization { get; set; }

        public bool Trade { get; set; }
    }

    public sealed class ThemeOutput
    {
        public float MigrationProbability { get; set; }

        public float MilitarizationProbability { get; set; }

        public float TradeProbability { get; set; }
    }
}
