using System.Text;
using ArticleThemes.Corpus;
using ArticleThemes.Tests.TestSupport;
using CsCheck;

namespace ArticleThemes.Tests;

/// <summary>Bad, strange and huge input never crashes the classifier or the readers.</summary>
public class RobustnessTests
{
    public static TheoryData<string> StrangeTexts => new()
    {
        "\uD800 lone high surrogate and a lone low \uDC00 one",
        "\uDC00\uD800\uDBFF",
        "control\u0000chars\u0001\u0007\u001B[31m red \u007F",
        "<html><head><script>var troops = 1;</script></head><body><p>Tariffs &amp; quotas</p><br/></body></html>",
        "Беженцы пересекли границу; 难民越过边境; शरणार्थियों; لاجئون عبروا الحدود; 🚢🛃🪖",
        new string('a', 50_000),
        string.Concat(Enumerable.Repeat("a\u0301", 10_000)),
        "\u200B\u200D\uFEFF\u00A0",
    };

    [Theory]
    [MemberData(nameof(StrangeTexts))]
    public void Strange_text_is_classified_without_an_exception(string text)
    {
        var prediction = TestData.Default.Classify(text);

        Assert.All(prediction.Scores, s => Assert.InRange(s.Probability, 0f, 1f));
    }

    [Fact]
    public void A_ten_megabyte_text_reads_only_the_documented_prefix()
    {
        var builder = new StringBuilder(10_000_000);
        var source = TestData.Corpus.Documents.Select(d => d.Text).ToArray();
        for (int i = 0; builder.Length < 10_000_000; i++)
        {
            builder.Append(source[i % source.Length]).Append(' ');
        }

        string huge = builder.ToString();
        int limit = TestData.Default.Info.Featurizer.MaxCharacters;
        long before = GC.GetAllocatedBytesForCurrentThread();

        var prediction = TestData.Default.Classify(huge);

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(TestData.Default.Classify(huge[..limit]).ToString(), prediction.ToString());
        Assert.True(allocated < 64 * 1024, $"allocated {allocated} bytes for a 10 MB text");
    }

    [Fact]
    public void Random_text_never_throws()
    {
        Gen.String.Sample(text =>
        {
            var prediction = TestData.Default.Classify(text);
            return prediction.Scores.All(s => s.Probability is >= 0 and <= 1);
        }, iter: 3_000, seed: "0N0XIzNsQ0O2");
    }

    [Fact]
    public void Random_characters_of_every_kind_never_throw()
    {
        Gen.Char.Array[0, 400].Select(chars => new string(chars)).Sample(text =>
        {
            TestData.Default.Classify(text);
        }, iter: 3_000, seed: "0N0XIzNsQ0O2");
    }

    [Fact]
    public void Random_bytes_into_the_JSON_Lines_reader_give_only_line_errors()
    {
        Gen.Byte.Array[0, 600].Sample(bytes =>
        {
            try
            {
                foreach (var line in JsonLinesReader.Read(new MemoryStream(bytes), "fuzz.jsonl"))
                {
                    if (line.Error is { } error)
                    {
                        Assert.True(error.Line > 0);
                        Assert.StartsWith($"fuzz.jsonl:{error.Line}: ", error.Message, StringComparison.Ordinal);
                    }
                }

                CorpusReader.Read(new MemoryStream(bytes), "fuzz.jsonl");
            }
            catch (DataFormatException)
            {
                // The one expected failure: a clear, located report of bad input.
            }
        }, iter: 3_000, seed: "0N0XIzNsQ0O2");
    }

    [Fact]
    public void Random_JSON_like_lines_into_predict_give_only_exit_codes_0_or_2()
    {
        var fragment = Gen.OneOf<string>("{", "}", "\"id\"", "\"text\"", ":", ",", "\"x\"", "1", "null", "[", "]", "\n", " ", "\"\\u00e9\"", "\\");
        fragment.Array[0, 40].Select(parts => string.Concat(parts)).Sample(content =>
        {
            var (code, _, error) = CliRunner.Run(["predict", "--input", "-"], Encoding.UTF8.GetBytes(content));
            Assert.True(code is 0 or 2, $"exit {code}: {error}");
        }, iter: 400, seed: "0N0XIzNsQ0O2");
    }

    [Fact]
    public void Eight_threads_of_twenty_thousand_mixed_calls_match_the_sequential_results()
    {
        var texts = TestData.Corpus.Documents.Select(d => d.Text)
            .Concat(["", "Navy.", new string('x', 3000), "<p>tariff</p>"])
            .ToArray();
        var expected = texts.Select(t => Signature(TestData.Default.Classify(t))).ToArray();
        int mismatches = 0;

        Parallel.For(0, 8, new ParallelOptions { MaxDegreeOfParallelism = 8 }, worker =>
        {
            var random = new Random(worker);
            for (int call = 0; call < 20_000; call++)
            {
                int i = random.Next(texts.Length);
                if (Signature(TestData.Default.Classify(texts[i])) != expected[i])
                {
                    Interlocked.Increment(ref mismatches);
                }
            }
        });

        Assert.Equal(0, mismatches);
    }

    private static string Signature(ThemePrediction prediction) =>
        string.Join(',', prediction.Scores.Select(s => s.Probability.ToString("R", System.Globalization.CultureInfo.InvariantCulture)));
}

/// <summary>Measures process-wide retained memory, so it runs alone, after the parallel tests.</summary>
[Collection(SerialTests.Name)]
public class MemoryBoundTests
{
    [Fact]
    public void Memory_stays_bounded_over_two_hundred_thousand_calls()
    {
        var texts = TestData.Corpus.Documents.Select(d => d.Text).ToArray();
        for (int i = 0; i < 2_000; i++)
        {
            TestData.Default.Classify(texts[i % texts.Length]);
        }

        long retainedBefore = RetainedBytes();
        long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 200_000; i++)
        {
            TestData.Default.Classify(texts[i % texts.Length]);
        }

        long perCall = (GC.GetAllocatedBytesForCurrentThread() - allocatedBefore) / 200_000;
        long retainedGrowth = RetainedBytes() - retainedBefore;

        // Each call allocates only its result (the prediction and its probabilities), and nothing is kept.
        Assert.True(perCall <= 256, $"{perCall} bytes allocated per call");
        Assert.True(retainedGrowth < 2 * 1024 * 1024, $"retained memory grew by {retainedGrowth} bytes");
    }

    private static long RetainedBytes()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
