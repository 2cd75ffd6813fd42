using ArticleThemes.Explanation;
using BenchmarkDotNet.Attributes;

namespace ArticleThemes.Benchmarks;

/// <summary>
/// What explaining costs beside classifying: <c>Classify</c> (baseline), <c>Explain</c> with its default ten spans per
/// theme, and <c>ClassifyPassages</c>, on one text, one thread.
/// </summary>
[MemoryDiagnoser]
public class ExplainBenchmarks
{
    private string _text = string.Empty;
    private ThemeClassifier _classifier = null!;

    [ParamsSource(nameof(Sizes))]
    public string Size { get; set; } = Inputs.Headline;

    public static IEnumerable<string> Sizes => Inputs.Sizes;

    [GlobalSetup]
    public void Setup()
    {
        _text = Inputs.Read(Size);
        _classifier = ThemeClassifier.LoadDefault();
    }

    [Benchmark(Baseline = true, Description = "Classify")]
    public ThemePrediction Classify() => _classifier.Classify(_text);

    [Benchmark(Description = "Explain")]
    public TextExplanation Explain() => _classifier.Explain(_text);

    [Benchmark(Description = "ClassifyPassages")]
    public IReadOnlyList<PassagePrediction> ClassifyPassages() => _classifier.ClassifyPassages(_text);
}
