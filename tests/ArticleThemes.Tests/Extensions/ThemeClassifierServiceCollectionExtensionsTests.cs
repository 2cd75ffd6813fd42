using ArticleThemes.Extensions.DependencyInjection;
using ArticleThemes.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ArticleThemes.Tests.Extensions;

public class ThemeClassifierServiceCollectionExtensionsTests
{
    [Fact]
    public void One_shared_classifier_is_registered_with_the_default_model()
    {
        using var provider = new ServiceCollection().AddThemeClassifier().BuildServiceProvider();

        var first = provider.GetRequiredService<ThemeClassifier>();

        Assert.Same(first, provider.GetRequiredService<ThemeClassifier>());
        Assert.Equal(TestData.Default.Info.CorpusFingerprint, first.Info.CorpusFingerprint);
    }

    [Fact]
    public void A_model_path_is_loaded_and_the_load_is_logged()
    {
        string path = TestData.TempPath(".zip");
        File.WriteAllBytes(path, TestData.SmallModelBytes);
        var logs = new ListLoggerProvider();
        var services = new ServiceCollection()
            .AddLogging(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Debug))
            .AddThemeClassifier(o => o.ModelPath = path);
        using var provider = services.BuildServiceProvider();

        var classifier = provider.GetRequiredService<ThemeClassifier>();

        Assert.Equal(TestData.SmallModel.Info.CorpusFingerprint, classifier.Info.CorpusFingerprint);
        Assert.Contains(logs.Messages, m => m.Contains("Loaded the theme model from " + path, StringComparison.Ordinal));
    }

    [Fact]
    public void A_bad_model_path_fails_on_first_use_and_is_logged()
    {
        string path = TestData.TempPath(".zip");
        var logs = new ListLoggerProvider();
        using var provider = new ServiceCollection()
            .AddLogging(b => b.AddProvider(logs))
            .AddThemeClassifier(o => o.ModelPath = path)
            .BuildServiceProvider();

        var error = Assert.Throws<ThemeModelException>(() => provider.GetRequiredService<ThemeClassifier>());

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains(logs.Messages, m => m.Contains("Could not load the theme model", StringComparison.Ordinal));
    }

    [Fact]
    public void A_second_registration_does_not_replace_the_first()
    {
        var services = new ServiceCollection().AddThemeClassifier().AddThemeClassifier(o => o.ModelPath = "elsewhere.zip");

        Assert.Single(services, d => d.ServiceType == typeof(ThemeClassifier));
        using var provider = services.BuildServiceProvider();
        Assert.NotNull(provider.GetRequiredService<ThemeClassifier>());
    }

    private sealed class ListLoggerProvider : ILoggerProvider
    {
        public List<string> Messages { get; } = [];

        public ILogger CreateLogger(string categoryName) => new ListLogger(Messages);

        public void Dispose()
        {
        }

        private sealed class ListLogger(List<string> messages) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                lock (messages)
                {
                    messages.Add(formatter(state, exception));
                }
            }
        }
    }
}
