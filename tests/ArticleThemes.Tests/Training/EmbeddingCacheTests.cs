using ArticleThemes.Semantic;
using ArticleThemes.Tests.TestSupport;
using ArticleThemes.Training;

namespace ArticleThemes.Tests.Training;

public sealed class EmbeddingCacheTests
{
    [Fact]
    public void A_second_run_on_the_same_texts_reads_the_cache_instead_of_the_encoder()
    {
        string directory = TestData.TempPath();
        string[] texts = ["Tariffs on steel rose again.", "The brigade moved north.", string.Empty];
        float[][] first;
        using (var encoder = SentenceEncoder.Create())
        {
            first = EmbeddingCache.GetOrCompute(directory, encoder, texts, CancellationToken.None);
        }

        // The encoder is disposed: only the cache can answer now.
        var disposed = SentenceEncoder.Create();
        disposed.Dispose();
        var second = EmbeddingCache.GetOrCompute(directory, disposed, texts, CancellationToken.None);

        Assert.Equal(first.Length, second.Length);
        for (int i = 0; i < first.Length; i++)
        {
            Assert.Equal(first[i], second[i]);
        }

        Assert.Throws<ObjectDisposedException>(() => EmbeddingCache.GetOrCompute(directory, disposed, ["Another text."], CancellationToken.None));
    }

    [Fact]
    public void A_damaged_cache_file_is_computed_again()
    {
        string directory = TestData.TempPath();
        string[] texts = ["Refugees crossed the river."];
        using var encoder = SentenceEncoder.Create();
        var expected = EmbeddingCache.GetOrCompute(directory, encoder, texts, CancellationToken.None);
        string file = Directory.GetFiles(directory).Single();
        File.WriteAllBytes(file, [1, 2, 3]);

        var again = EmbeddingCache.GetOrCompute(directory, encoder, texts, CancellationToken.None);

        Assert.Equal(expected[0], again[0]);
        Assert.True(new FileInfo(file).Length > 3);
    }
}
