using ArticleThemes.Semantic;
using BenchmarkDotNet.Attributes;

namespace ArticleThemes.Benchmarks;

/// <summary>
/// The accurate tier against the textbook ML.NET pipeline (baseline) and the fast tier, one text at a time on one
/// caller thread (ONNX Runtime uses its own intra-op threads). The 100 KB document is left out: one call reads
/// about a hundred encoder chunks, seconds per operation.
/// </summary>
[MemoryDiagnoser]
public class AccurateTierBenchmarks
{
    private string _text = string.Empty;
    private TextbookPipeline _textbook = null!;
    private ThemeClassifier _fast = null!;
    private SemanticThemeClassifier _accurate = null!;
    private readonly TextbookPipeline.TextInput _input = new();

    [Params(Inputs.Headline, Inputs.Brief, Inputs.Article)]
    public string Size { get; set; } = Inputs.Headline;

    [GlobalSetup]
    public void Setup()
    {
        _text = Inputs.Read(Size);
        _input.Text = _text;
        _textbook = TextbookPipeline.Load();
        _fast = ThemeClassifier.LoadDefault();
        _accurate = SemanticThemeClassifier.LoadDefault();
    }

    [GlobalCleanup]
    public void Cleanup() => _accurate.Dispose();

    [Benchmark(Baseline = true, Description = "textbook ML.NET")]
    public float Textbook()
    {
        var output = _textbook.Engine.Predict(_input);
        return output.MigrationProbability + output.MilitarizationProbability + output.TradeProbability;
    }

    [Benchmark(Description = "fast: Classify")]
    public ThemePrediction Fast() => _fast.Classify(_text);

    [Benchmark(Description = "accurate: Classify")]
    public ThemePrediction Accurate() => _accurate.Classify(_text);
}

/// <summary>The accurate tier's cold start in fresh processes: loading the model and the encoder, and the first text.</summary>
[MemoryDiagnoser]
public class AccurateColdStartBenchmarks
{
    private string _headline = string.Empty;

    [GlobalSetup]
    public void Setup() => _headline = Inputs.Read(Inputs.Headline);

    [Benchmark(Baseline = true, Description = "textbook ML.NET: load + engine + first Predict")]
    public float Textbook()
    {
        var pipeline = TextbookPipeline.Load();
        return pipeline.Engine.Predict(new TextbookPipeline.TextInput { Text = _headline }).TradeProbability;
    }

    [Benchmark(Description = "accurate: LoadDefault + first Classify")]
    public int Accurate()
    {
        using var classifier = SemanticThemeClassifier.LoadDefault();
        return classifier.Classify(_headline).Themes.Count;
    }
}
