using ScottPlot;
using SkiaSharp;

namespace ArticleThemes.Evaluation.Plots;

/// <summary>
/// The typeface every plot prints with: DejaVu Sans, embedded in this assembly (Plots/Fonts, with its licence).
/// A headless machine may have no fonts at all, and Skia's Linux build then draws no text; embedding also makes
/// the PNGs the same on every machine.
/// </summary>
internal static class PlotFont
{
    /// <summary>The font name plots ask ScottPlot for; the resolver below answers only to it.</summary>
    public const string Name = "ArticleThemes DejaVu Sans";

    private static readonly Lock s_gate = new();
    private static bool s_registered;

    /// <summary>Registers the embedded typefaces with ScottPlot once per process, before the first plot is drawn.</summary>
    public static void EnsureRegistered()
    {
        lock (s_gate)
        {
            if (!s_registered)
            {
                // ScottPlot resolves font names through this process-wide list; first place so nothing shadows it.
                Fonts.FontResolvers.Insert(0, new EmbeddedResolver());
                s_registered = true;
            }
        }
    }

    private sealed class EmbeddedResolver : IFontResolver
    {
        private readonly Lazy<SKTypeface> _regular = new(() => Load("DejaVuSans.ttf"));
        private readonly Lazy<SKTypeface> _bold = new(() => Load("DejaVuSans-Bold.ttf"));

        public SKTypeface? CreateTypeface(string fontName, FontWeight weight, FontSlant slant, FontSpacing spacing) =>
            CreateTypeface(fontName, weight >= FontWeight.SemiBold, slant != FontSlant.Upright);

        // Italic falls back to upright: the plots print none.
        public SKTypeface? CreateTypeface(string fontName, bool bold, bool italic) =>
            fontName == Name ? (bold ? _bold.Value : _regular.Value) : null;

        private static SKTypeface Load(string file)
        {
            string resource = $"ArticleThemes.Training.Fonts.{file}";
            using var stream = typeof(PlotFont).Assembly.GetManifestResourceStream(resource)
                ?? throw new InvalidOperationException($"The embedded font {resource} is missing from ArticleThemes.Training; rebuild the assembly.");
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            using var data = SKData.CreateCopy(buffer.ToArray());
            return SKTypeface.FromData(data)
                ?? throw new InvalidOperationException($"Skia could not read the embedded font {resource}.");
        }
    }
}
