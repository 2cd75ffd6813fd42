using BenchmarkDotNet.Attributes;

namespace ArticleThemes.Benchmarks;

/// <summary>A thousand mixed-length documents: ML.NET's batch <c>Transform</c> (baseline) and <c>ClassifyBatch</c> on 1 and 2 threads.</summary>
[MemoryDiagnoser]
public class BatchBenchmarks
{
    private string[] _documents = [];
    private TextbookPipeline.TextInput[] _rows = [];
    private TextbookPipeline _textbook = null!;
    private ThemeClassifier _classifier = null!;

    [GlobalSetup]
    public void Setup()
    {
        _documents = Inputs.MixedThousand();
        _rows = _documents.Select(d => new TextbookPipeline.TextInput { Text = d }).ToArray();
        _textbook = TextbookPipeline.Load();
        _classifier = ThemeClassifier.LoadDefault();
    }

    [Benchmark(Baseline = true, Description = "textbook ML.NET Transform")]
    public float Textbook()
    {
        var ml = _textbook.MLContext;
        var scored = _textbook.Model.Transform(ml.Data.LoadFromEnumerable(_rows));
        float sum = 0;
        foreach (var row in ml.Data.CreateEnumerable<TextbookPipeline.ThemeOutput>(scored, reuseRowObject: true))
        {
            sum += row.MigrationProbability;
        }

        return sum;
    }

    [Benchmark(Description = "ClassifyBatch, 1 thread")]
    public IReadOnlyList<ThemePrediction> OneThread() => _classifier.ClassifyBatch(_documents, 1);

    [Benchmark(Description = "ClassifyBatch, 2 threads")]
    public IReadOnlyList<ThemePrediction> TwoThreads() => _classifier.ClassifyBatch(_documents, 2);
}
