using System.CommandLine;

namespace ArticleThemes.Cli.Commands;

/// <summary>Options several commands share.</summary>
internal static class CommonOptions
{
    public static Option<string?> Model(string description = "Model file (.zip) written by 'train'. Default: the model embedded in the library.") =>
        new("--model", "-m") { Description = description };

    public static Option<string> Data(string description) =>
        new("--data", "-d") { Description = description, Required = true };

    public static ThemeClassifier LoadModel(string? path) =>
        path is null ? ThemeClassifier.LoadDefault() : ThemeClassifier.Load(path);
}
