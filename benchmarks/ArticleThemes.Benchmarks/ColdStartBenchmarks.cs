using BenchmarkDotNet.Attributes;

namespace ArticleThemes.Benchmarks;

/// <summary>
/// Cold start, measured in fresh processes (one invocation per launch, no warm-up): loading a model and scoring
/// the first text, JIT compilation included. The host trains and saves the textbook model before any launch,
/// so the baseline only loads it, as a user's program would.
/// </summary>
[MemoryDiagnoser]
public class ColdStartBenchmarks
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

    [Benchmark(Description = "LoadDefault + first Classify")]
    public ThemePrediction Classify() => ThemeClassifier.LoadDefault().Classify(_headline);
}
