using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ArticleThemes.Extensions.DependencyInjection;

/// <summary>Registers ArticleThemes with an <see cref="IServiceCollection"/>.</summary>
public static partial class ThemeClassifierServiceCollectionExtensions
{
    /// <summary>
    /// Registers one <see cref="ThemeClassifier"/> as a singleton — it is thread-safe, and loading a model costs far more
    /// than classifying — loaded on first use from the default model or <see cref="ThemeClassifierOptions.ModelPath"/>.
    /// Load events go to <see cref="ILogger"/> when logging is registered. A second call does not replace the first registration.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the options; <see langword="null"/> keeps the defaults.</param>
    /// <returns>The same service collection, for chaining.</returns>
    public static IServiceCollection AddThemeClassifier(this IServiceCollection services, Action<ThemeClassifierOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = new ThemeClassifierOptions();
        configure?.Invoke(options);
        services.TryAddSingleton(provider => Load(options, provider.GetService<ILoggerFactory>()?.CreateLogger("ArticleThemes") ?? NullLogger.Instance));
        return services;
    }

    private static ThemeClassifier Load(ThemeClassifierOptions options, ILogger logger)
    {
        string source = options.ModelPath ?? "the embedded default model";
        LogLoading(logger, source);
        var clock = Stopwatch.StartNew();
        try
        {
            var classifier = options.ModelPath is null ? ThemeClassifier.LoadDefault() : ThemeClassifier.Load(options.ModelPath);
            string themes = string.Join(", ", classifier.Themes);
            LogLoaded(logger, source, themes, classifier.Info.Trainer, clock.ElapsedMilliseconds);
            return classifier;
        }
        catch (ThemeModelException ex)
        {
            LogFailed(logger, ex, source);
            throw;
        }
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Debug, Message = "Loading the theme model from {Source}")]
    private static partial void LogLoading(ILogger logger, string source);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Loaded the theme model from {Source}: themes {Themes}, trainer {Trainer}, in {ElapsedMilliseconds} ms")]
    private static partial void LogLoaded(ILogger logger, string source, string themes, string trainer, long elapsedMilliseconds);

    [LoggerMessage(EventId = 3, Level = LogLevel.Error, Message = "Could not load the theme model from {Source}")]
    private static partial void LogFailed(ILogger logger, Exception exception, string source);
}
