using ArticleThemes.Corpus;
using ArticleThemes.Training;

namespace ArticleThemes.Tests.TestSupport;

/// <summary>Shared inputs: the committed corpus, the default model, and a small model trained once per test run.</summary>
internal static class TestData
{
    private static readonly Lazy<LabeledCorpus> s_corpus = new(() => CorpusReader.Load(CorpusPath));
    private static readonly Lazy<ThemeClassifier> s_default = new(ThemeClassifier.LoadDefault);
    private static readonly Lazy<(TrainingResult Result, byte[] Bytes)> s_small = new(TrainSmall);
    private static readonly Lazy<WordVectors> s_smallWordVectors = new(() => WordVectors.Build(SmallCorpus().Train.ToArray(), EmbeddingCacheDirectory, CancellationToken.None));
    private static readonly Lazy<ArticleThemes.Semantic.SemanticThemeClassifier> s_accurate = new(ArticleThemes.Semantic.SemanticThemeClassifier.LoadDefault);

    /// <summary>data/corpus.jsonl, copied beside the test assembly by the project file.</summary>
    public static string CorpusPath => Path.Combine(AppContext.BaseDirectory, "data", "corpus.jsonl");

    /// <summary>
    /// The embedding cache of the tests that train or build word vectors, beside the test assembly: the MiniLM
    /// vocabulary every one of them encodes alone is encoded once per build output, not once per test. Entries are
    /// keyed by text, and a cached vector is the encoder's own floats (<c>EmbeddingCacheTests</c>), so reading one
    /// changes no result.
    /// </summary>
    public static string EmbeddingCacheDirectory => Path.Combine(AppContext.BaseDirectory, "embedding-cache");

    public static LabeledCorpus Corpus => s_corpus.Value;

    public static ThemeClassifier Default => s_default.Value;

    /// <summary>The default accurate-tier model, loaded once and shared (its ONNX session is thread-safe).</summary>
    public static ArticleThemes.Semantic.SemanticThemeClassifier Accurate => s_accurate.Value;

    /// <summary>The default model of a tier.</summary>
    public static IThemePredictor DefaultOf(string tier) => tier == ModelTiers.Accurate ? Accurate : Default;

    /// <summary>An SDCA model trained on a slice of the corpus, quick enough to make in every test run.</summary>
    public static TrainingResult SmallModel => s_small.Value.Result;

    /// <summary>Word vectors built on <see cref="SmallCorpus"/>'s training split (built once: encoding the vocabulary takes seconds).</summary>
    public static WordVectors SmallWordVectors => s_smallWordVectors.Value;

    public static byte[] SmallModelBytes => s_small.Value.Bytes;

    public static LabeledCorpus SmallCorpus(int every = 4)
    {
        var documents = Corpus.Documents.Where((_, i) => i % every == 0).ToArray();
        return new LabeledCorpus("small-corpus", documents);
    }

    public static string TempPath(string extension = "")
    {
        string directory = Path.Combine(Path.GetTempPath(), "article-themes-tests");
        Directory.CreateDirectory(directory);
        return Path.Combine(directory, $"{Guid.NewGuid():N}{extension}");
    }

    private static (TrainingResult, byte[]) TrainSmall()
    {
        var result = ThemeTrainer.Train(SmallCorpus(), new TrainingOptions { Trainer = TrainerKind.Sdca, Folds = 3, EmbeddingCache = EmbeddingCacheDirectory });
        using var buffer = new MemoryStream();
        result.Save(buffer);
        return (result, buffer.ToArray());
    }
}
