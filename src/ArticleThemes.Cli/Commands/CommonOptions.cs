using System.CommandLine;

namespace ArticleThemes.Cli.Commands;

/// <summary>Options several commands share.</summary>
internal static class CommonOptions
{
    public static Option<string?> Model(string description = "Model file (.zip) written by 'train'. Default: the model embedded in the library.") =>
        new("--model", "-m") { Description = description };

    public static Option<string> Data(string description) =>
        new("--data", "-d") { Description = description, Required = true };

    public static Option<string> Tier(string description = "Model tier when no --model is given: fast (the default: hashed words and the theme lexicon) or accurate (sentence embeddings and the lexicon; slower). A --model file's own tier always decides.") =>
        new("--tier") { Description = description, DefaultValueFactory = _ => ModelTiers.Fast };

    /// <summary>The model file's own tier, or the default model of <paramref name="tier"/>.</summary>
    public static IThemePredictor LoadPredictor(string? path, string tier)
    {
        if (path is null)
        {
            return CheckTier(tier) == ModelTiers.Accurate ? Semantic.SemanticThemeClassifier.LoadDefault() : ThemeClassifier.LoadDefault();
        }

        string fileTier;
        try
        {
            using var stream = File.OpenRead(path);
            fileTier = ArticleThemes.Model.ModelArchive.ReadTier(stream, path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The loaders below report a missing or unreadable file in their own words.
            fileTier = ModelTiers.Fast;
        }

        return fileTier == ModelTiers.Accurate ? Semantic.SemanticThemeClassifier.Load(path) : ThemeClassifier.Load(path);
    }

    public static string CheckTier(string tier) => tier is ModelTiers.Fast or ModelTiers.Accurate
        ? tier
        : throw new UsageException($"--tier must be {ModelTiers.Fast} or {ModelTiers.Accurate}, not '{tier}'.");
}

/// <summary>Disposes a predictor that holds native resources (the accurate tier's ONNX session) when the command ends.</summary>
internal readonly struct DisposableModel(IThemePredictor predictor) : IDisposable
{
    public IThemePredictor Predictor { get; } = predictor;

    public void Dispose() => (Predictor as IDisposable)?.Dispose();
}
