using System.Reflection;
using ArticleThemes.Lexicon;

namespace ArticleThemes.Training;

/// <summary>The project's curated theme lexicon (<c>data/lexicon.tsv</c>), embedded in this assembly under a stable name.</summary>
internal static class DefaultLexicon
{
    /// <summary>The manifest resource name of the embedded lexicon.</summary>
    public const string ResourceName = "ArticleThemes.Training.DefaultLexicon.tsv";

    private static readonly Lazy<ThemeLexicon> s_value = new(Load);

    /// <summary>The parsed default lexicon (parsed once).</summary>
    public static ThemeLexicon Value => s_value.Value;

    private static ThemeLexicon Load()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource '{ResourceName}' is missing; ArticleThemes.Training was built without data/lexicon.tsv.");
        return ThemeLexicon.Load(stream);
    }
}
