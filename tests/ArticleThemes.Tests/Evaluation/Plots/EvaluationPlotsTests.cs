using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using ArticleThemes.Corpus;
using ArticleThemes.Evaluation;
using ArticleThemes.Evaluation.Baselines;
using ArticleThemes.Evaluation.Plots;
using ArticleThemes.Tests.TestSupport;

namespace ArticleThemes.Tests.Evaluation.Plots;

public sealed class EvaluationPlotsTests
{
    // The real-text tests' set (two sources with themes) and a third source without any theme, written for this test.
    private const string Set = RealTextEvaluationTests.Set + "\n" +
        """{"id":"s-6","text":"The bakery on the corner sells rye bread on Saturdays.","themes":[],"source":"blog"}""";

    private static readonly Lazy<EvaluationResult> s_result = new(() => Evaluator.Evaluate(TestData.Default, TestData.SmallCorpus(), Array.Empty<IBaseline>()));

    [Fact]
    public void The_test_split_plots_are_PNGs_of_their_size_with_content()
    {
        string directory = Directory.CreateTempSubdirectory("article-themes-plots-").FullName;

        var plots = EvaluationPlots.Write(s_result.Value, directory);

        Assert.Equal(["precision-recall.png", "reliability.png", "confusion.png"], plots.Select(p => p.Path));
        AssertPlot(Path.Combine(directory, "precision-recall.png"), EvaluationPlots.CurveSize);
        AssertPlot(Path.Combine(directory, "reliability.png"), EvaluationPlots.CurveSize);
        AssertPlot(Path.Combine(directory, "confusion.png"), EvaluationPlots.ConfusionSize);
    }

    [Fact]
    public void Each_theme_has_its_own_colour_in_the_precision_recall_plot()
    {
        string directory = Directory.CreateTempSubdirectory("article-themes-plots-").FullName;

        EvaluationPlots.Write(s_result.Value, directory);

        var pixels = Png.Read(Path.Combine(directory, "precision-recall.png"));
        // The three theme colours (blue, red, green), drawn as lines, markers and legend symbols.
        foreach (var (r, g, b) in new[] { (31, 119, 180), (214, 39, 40), (44, 160, 44) })
        {
            Assert.True(pixels.Count(r, g, b) > 200, $"colour ({r}, {g}, {b}) drawn on only {pixels.Count(r, g, b)} pixels");
        }
    }

    [Fact]
    public void Text_is_drawn_in_the_embedded_font()
    {
        // The title strip of the confusion plot holds only text: with no typeface it would be background only.
        string directory = Directory.CreateTempSubdirectory("article-themes-plots-").FullName;

        EvaluationPlots.Write(s_result.Value, directory);

        var pixels = Png.Read(Path.Combine(directory, "confusion.png"));
        int dark = 0;
        for (int y = 0; y < 35; y++)
        {
            for (int x = 0; x < pixels.Width; x++)
            {
                var (r, g, b) = pixels[x, y];
                dark += r + g + b < 200 ? 1 : 0;
            }
        }

        Assert.True(dark > 300, $"only {dark} dark pixels in the title strip");
    }

    [Fact]
    public void The_plot_font_is_the_embedded_one_whatever_the_machine_has()
    {
        PlotFont.EnsureRegistered();

        var regular = ScottPlot.Fonts.GetTypeface(PlotFont.Name, bold: false, italic: false);
        var bold = ScottPlot.Fonts.GetTypeface(PlotFont.Name, bold: true, italic: false);

        // ScottPlot caches and shares these: not disposed here. The embedded cut of DejaVu Sans has a few hundred
        // glyphs; an installed DejaVu Sans has thousands.
        Assert.Equal("DejaVu Sans", regular.FamilyName);
        Assert.InRange(regular.GlyphCount, 190, 400);
        Assert.True(bold.IsBold, "the bold request got a regular face");
        Assert.All("Precision-recall 0.95 % – ±", c => Assert.NotEqual(0, regular.GetGlyph(c)));
    }

    [Fact]
    public void Drawing_twice_gives_the_same_bytes()
    {
        string first = Directory.CreateTempSubdirectory("article-themes-plots-").FullName;
        string second = Directory.CreateTempSubdirectory("article-themes-plots-").FullName;

        EvaluationPlots.Write(s_result.Value, first);
        EvaluationPlots.Write(s_result.Value, second);

        foreach (string name in new[] { "precision-recall.png", "reliability.png", "confusion.png" })
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(first, name)), File.ReadAllBytes(Path.Combine(second, name)));
        }
    }

    [Fact]
    public void A_real_text_set_gets_a_per_source_bar_plot_linked_under_its_tables()
    {
        var evaluation = RealTextEvaluation.Evaluate(TestData.Default, TestData.SmallCorpus(), Load(Set), [new KeywordLexiconBaseline()]);
        string directory = Directory.CreateTempSubdirectory("article-themes-plots-").FullName;
        string name = Assert.Single(EvaluationPlots.RealTextFileNames([evaluation]));

        string caption = EvaluationPlots.WriteRealText(evaluation, directory, name);
        string markdown = evaluation.ToMarkdown((caption, name));

        Assert.EndsWith("-per-source.png", name, StringComparison.Ordinal);
        var pixels = AssertPlot(Path.Combine(directory, name), EvaluationPlots.RealTextSize(evaluation));
        Assert.True(pixels.Count(31, 119, 180) > 500, "no bars in the model's colour");
        Assert.True(pixels.Count(255, 127, 14) > 500, "no bars in the keyword baseline's colour");
        Assert.Contains($"]({name})", markdown, StringComparison.Ordinal);
        Assert.True(markdown.IndexOf($"]({name})", StringComparison.Ordinal) > markdown.IndexOf("| source | texts |", StringComparison.Ordinal), "the plot belongs under the per-source table");
        Assert.DoesNotContain(".png", evaluation.ToMarkdown(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_per_source_plot_grows_downwards_with_its_bars()
    {
        var many = RealTextEvaluation.Evaluate(TestData.Default, TestData.SmallCorpus(), Load(Set), [new KeywordLexiconBaseline()]);
        var one = RealTextEvaluation.Evaluate(TestData.Default, TestData.SmallCorpus(), Load(string.Join('\n', Set.Split('\n').Where(l => l.Contains("\"wire\"", StringComparison.Ordinal)))), []);

        var (manyWidth, manyHeight) = EvaluationPlots.RealTextSize(many);
        var (oneWidth, oneHeight) = EvaluationPlots.RealTextSize(one);

        Assert.Equal(manyWidth, oneWidth);
        Assert.True(manyHeight > oneHeight, $"{manyHeight} px for 5 groups of 2 bars, {oneHeight} px for 3 groups of 1");
    }

    [Fact]
    public void Real_text_sets_with_the_same_file_name_get_distinct_plot_names()
    {
        var evaluation = RealTextEvaluation.Evaluate(TestData.Default, TestData.SmallCorpus(), Load(Set), []);

        var names = EvaluationPlots.RealTextFileNames([evaluation, evaluation]);

        Assert.Equal(2, names.Distinct(StringComparer.Ordinal).Count());
        Assert.All(names, n => Assert.Matches("^[a-z0-9._-]+$", n));
    }

    [Fact]
    public void Precision_recall_points_step_through_the_ranked_probabilities()
    {
        var points = EvaluationPlots.PrecisionRecallPoints([0.9f, 0.8f, 0.8f, 0.1f], [true, false, true, false]);

        // Tied probabilities make one cut-off, so 0.8 adds both documents at once.
        Assert.Equal([(0.5, 1.0), (1.0, 2.0 / 3), (1.0, 0.5)], points);
        Assert.Empty(EvaluationPlots.PrecisionRecallPoints([0.5f], [false]));
    }

    private static Pixels AssertPlot(string path, (int Width, int Height) size)
    {
        var pixels = Png.Read(path);
        Assert.Equal(size, (pixels.Width, pixels.Height));
        // A plot, not a blank canvas: many colours (anti-aliased text and lines), and ink on a good share of it.
        Assert.True(pixels.DistinctColours > 50, $"{path}: only {pixels.DistinctColours} colours");
        var background = pixels[0, 0];
        double ink = pixels.Share(c => c != background);
        Assert.InRange(ink, 0.03, 0.95);
        return pixels;
    }

    private static LabeledCorpus Load(string text)
    {
        string path = TestData.TempPath(".jsonl");
        File.WriteAllText(path, text, new UTF8Encoding(false));
        return CorpusReader.LoadEvaluationSet(path);
    }

    /// <summary>RGB pixels of a PNG.</summary>
    private sealed class Pixels(int width, int height, (byte R, byte G, byte B)[] rgb)
    {
        public int Width => width;

        public int Height => height;

        public int DistinctColours => rgb.Distinct().Count();

        public (byte R, byte G, byte B) this[int x, int y] => rgb[(y * width) + x];

        public int Count(int r, int g, int b) => rgb.Count(c => c == ((byte)r, (byte)g, (byte)b));

        public double Share(Func<(byte R, byte G, byte B), bool> predicate) => (double)rgb.Count(predicate) / rgb.Length;
    }

    /// <summary>
    /// Decodes the PNGs ScottPlot writes (8-bit RGB or RGBA, not interlaced), checking the signature and the chunk
    /// layout on the way: an independent reader, so a test fails when a file is not a PNG an image viewer would open.
    /// </summary>
    private static class Png
    {
        public static Pixels Read(string path)
        {
            byte[] file = File.ReadAllBytes(path);
            Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A], file[..8]);
            int width = 0, height = 0, channels = 0;
            using var idat = new MemoryStream();
            bool end = false;
            for (int at = 8; at < file.Length && !end; )
            {
                int length = BinaryPrimitives.ReadInt32BigEndian(file.AsSpan(at));
                string type = Encoding.ASCII.GetString(file, at + 4, 4);
                var data = file.AsSpan(at + 8, length);
                switch (type)
                {
                    case "IHDR":
                        width = BinaryPrimitives.ReadInt32BigEndian(data);
                        height = BinaryPrimitives.ReadInt32BigEndian(data[4..]);
                        Assert.Equal(8, data[8]);
                        channels = data[9] switch { 2 => 3, 6 => 4, var t => throw new Xunit.Sdk.XunitException($"{path}: PNG colour type {t}") };
                        Assert.Equal(0, data[12]);
                        break;
                    case "IDAT":
                        idat.Write(data);
                        break;
                    case "IEND":
                        end = true;
                        break;
                }

                at += 12 + length;
            }

            Assert.True(end, $"{path}: no IEND chunk");
            using var zlib = new ZLibStream(new MemoryStream(idat.ToArray()), CompressionMode.Decompress);
            using var raw = new MemoryStream();
            zlib.CopyTo(raw);
            return new Pixels(width, height, Unfilter(raw.ToArray(), width, height, channels));
        }

        private static (byte, byte, byte)[] Unfilter(byte[] raw, int width, int height, int channels)
        {
            int stride = width * channels;
            Assert.Equal(height * (stride + 1), raw.Length);
            var previous = new byte[stride];
            var current = new byte[stride];
            var rgb = new (byte, byte, byte)[width * height];
            for (int y = 0; y < height; y++)
            {
                byte filter = raw[y * (stride + 1)];
                Array.Copy(raw, (y * (stride + 1)) + 1, current, 0, stride);
                for (int i = 0; i < stride; i++)
                {
                    int a = i >= channels ? current[i - channels] : 0;
                    int b = previous[i];
                    int c = i >= channels ? previous[i - channels] : 0;
                    current[i] = (byte)(current[i] + filter switch
                    {
                        0 => 0,
                        1 => a,
                        2 => b,
                        3 => (a + b) / 2,
                        4 => Paeth(a, b, c),
                        _ => throw new Xunit.Sdk.XunitException($"PNG filter {filter}"),
                    });
                }

                for (int x = 0; x < width; x++)
                {
                    rgb[(y * width) + x] = (current[x * channels], current[(x * channels) + 1], current[(x * channels) + 2]);
                }

                (previous, current) = (current, previous);
            }

            return rgb;
        }

        private static int Paeth(int a, int b, int c)
        {
            int p = a + b - c;
            int pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
            return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
        }
    }
}
