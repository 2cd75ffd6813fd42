using BenchmarkDotNet.Attributes;

namespace ArticleThemes.Benchmarks;

/// <summary>One text, all themes, one thread: the textbook ML.NET path (baseline), <c>Classify</c>, and the floor.</summary>
[MemoryDiagnoser]
public class ClassifyBenchmarks
{
    private string _text = string.Empty;
    private TextbookPipeline _textbook = null!;
    private ThemeClassifier _classifier = null!;
    private FloorScorer _floor = null!;
    private readonly TextbookPipeline.TextInput _input = new();

    [ParamsSource(nameof(Sizes))]
    public string Size { get; set; } = Inputs.Headline;

    public static IEnumerable<string> Sizes => Inputs.Sizes;

    [GlobalSetup]
    public void Setup()
    {
        _text = Inputs.Read(Size);
        _input.Text = _text;
        _textbook = TextbookPipeline.Load();
        _classifier = ThemeClassifier.LoadDefault();
        // The floor's word table holds the words of every input (plus filler up to the default model's vocabulary size).
        _floor = new FloorScorer(Inputs.Sizes.SelectMany(size => Inputs.Read(size).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).Select(w => new string(w.Where(char.IsLetterOrDigit).ToArray())).Where(w => w.Length > 0 && !w.Any(char.IsDigit)));
    }

    [Benchmark(Baseline = true, Description = "textbook ML.NET")]
    public float Textbook()
    {
        var output = _textbook.Engine.Predict(_input);
        return output.MigrationProbability + output.MilitarizationProbability + output.TradeProbability;
    }

    [Benchmark(Description = "Classify")]
    public ThemePrediction Classify() => _classifier.Classify(_text);

    [Benchmark(Description = "floor")]
    public float Floor() => _floor.Score(_text);
}
