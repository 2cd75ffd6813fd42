using ArticleThemes.Featurization;
using ArticleThemes.Scoring;
using ArticleThemes.Tests.TestSupport;
using ArticleThemes.Training;

namespace ArticleThemes.Tests.Training;

public class WordVectorsTests
{
    private static WordVectors Words => TestData.SmallWordVectors;

    private static string[] TrainingTexts => TestData.SmallCorpus().Train.Select(d => d.Text).ToArray();

    private static float[] Block(WordVectors words, string word)
    {
        var plain = ThemeTrainer.ToVector(new TextFeaturizer(FeaturizerOptions.Default), word);
        return words.Extend(plain, word).GetValues()[plain.GetValues().Length..].ToArray();
    }

    private static ulong Hash(string word)
    {
        var hashes = new List<ulong>();
        TextFeaturizer.WordHashes(word, hashes);
        return Assert.Single(hashes);
    }

    [Fact]
    public void The_vocabulary_holds_the_training_words_and_the_encoder_s_words_but_no_figures()
    {
        var vocabulary = Words.Words.ToHashSet(StringComparer.Ordinal);
        var training = new List<(string Word, ulong Hash)>();
        foreach (var document in TestData.SmallCorpus().Train)
        {
            TextFeaturizer.Words(document.Text, training);
        }

        Assert.All(training.Where(w => !w.Word.Contains('0', StringComparison.Ordinal)), w => Assert.Contains(w.Word, vocabulary));
        Assert.DoesNotContain(vocabulary, w => w.Contains('0', StringComparison.Ordinal));

        // Every whole word of the encoder's vocabulary is there too; those the small corpus never uses weigh fully.
        var encoderWords = new List<(string Word, ulong Hash)>();
        foreach (string piece in ArticleThemes.Semantic.SentenceEncoder.ReadVocabulary().Where(p => !p.StartsWith("##", StringComparison.Ordinal) && !p.StartsWith('[')))
        {
            TextFeaturizer.Words(piece, encoderWords);
        }

        var trainingWords = training.Select(t => t.Word).ToHashSet(StringComparer.Ordinal);
        var unseen = encoderWords.Select(w => w.Word).Where(w => !w.Contains('0', StringComparison.Ordinal) && !trainingWords.Contains(w)).Distinct().ToArray();
        Assert.True(unseen.Length > 10_000, $"{unseen.Length} words of the encoder's vocabulary are not in the small corpus");
        var entries = Words.Words.Select((w, i) => (w, i)).ToDictionary(x => x.w, x => x.i, StringComparer.Ordinal);
        Assert.All(unseen, w => Assert.Equal(1f, Words.Weights[entries[w]]));
        Assert.Equal(Words.Words.Order(StringComparer.Ordinal), Words.Words);
        Assert.Equal(Words.Words.Select(Hash), Words.Hashes);
    }

    [Fact]
    public void Frequent_words_weigh_less_than_rare_ones()
    {
        var list = Words.Words.ToList();
        float the = Words.Weights[list.IndexOf("the")];
        float troops = Words.Weights[list.IndexOf("troops")];

        Assert.True(the < 0.1f, $"'the' weighs {the}");
        Assert.True(troops > 0.5f && troops < 1f, $"'troops' weighs {troops}");
        Assert.All(Words.Weights, w => Assert.InRange(w, float.Epsilon, 1f));
    }

    [Fact]
    public void The_block_is_the_weighted_mean_of_the_known_words_vectors_and_empty_without_one()
    {
        var featurizer = new TextFeaturizer(FeaturizerOptions.Default);
        var plain = ThemeTrainer.ToVector(featurizer, "the troops");
        var extended = Words.Extend(plain, "the troops");
        Assert.Equal(featurizer.FeatureCount + WordVectors.Dimensions, extended.Length);
        Assert.Equal(plain.GetIndices().ToArray(), extended.GetIndices()[..plain.GetIndices().Length].ToArray());
        Assert.Equal(WordVectors.Dimensions, extended.GetIndices().Length - plain.GetIndices().Length);

        // One known word: the block is that word's vector, whatever its weight.
        var one = Words.Extend(plain, "troops qqqxzv").GetValues()[plain.GetValues().Length..].ToArray();
        var again = Words.Extend(plain, "troops").GetValues()[plain.GetValues().Length..].ToArray();
        Assert.Equal(again, one);
        double length = Math.Sqrt(one.Sum(v => (double)v * v));
        Assert.InRange(length, 0.999, 1.001);

        // No known word: no block values at all (zeros), so such a text reads as before.
        var none = Words.Extend(ThemeTrainer.ToVector(featurizer, "qqqxzv 1999"), "qqqxzv 1999");
        Assert.Equal(ThemeTrainer.ToVector(featurizer, "qqqxzv 1999").GetIndices().Length, none.GetIndices().Length);
    }

    [Fact]
    public void A_prior_weight_shrinks_the_block_by_the_words_weight_over_that_weight_plus_the_prior()
    {
        var weighted = Words.WithPriorWeight(1.5);
        var list = Words.Words.ToList();

        // One word of weight w: the plain mean is its vector, the mean with the prior k is w / (w + k) of it.
        double w = Words.Weights[list.IndexOf("troops")];
        var plain = Block(Words, "troops");
        var shrunk = Block(weighted, "troops");
        Assert.All(plain.Zip(shrunk), p => Assert.Equal(p.First * (w / (w + 1.5)), p.Second, 6));

        // Many words: the same factor over their total weight, so a long text hardly feels the prior.
        const string Text = "Troops crossed the border as tariffs rose and exporters waited for the ministry to decide on quotas.";
        var words = new List<(string Word, ulong Hash)>();
        TextFeaturizer.Words(Text, words);
        double total = words.Where(x => list.Contains(x.Word)).Sum(x => (double)Words.Weights[list.IndexOf(x.Word)]);
        var longPlain = Block(Words, Text);
        var longShrunk = Block(weighted, Text);
        Assert.All(longPlain.Zip(longShrunk), p => Assert.Equal(p.First * (total / (total + 1.5)), p.Second, 6));
        Assert.True(w / (w + 1.5) < 0.5 && total / (total + 1.5) > 0.75, $"total weight {total}, one word {w}");

        Assert.Equal(0, Words.PriorWeight);
        Assert.Equal(1.5, weighted.PriorWeight);
        Assert.Throws<ArgumentOutOfRangeException>(() => Words.WithPriorWeight(-1));
    }

    [Fact]
    public void Compiled_scores_are_the_weight_times_the_head_s_dot_product_with_the_vector()
    {
        var featurizer = new TextFeaturizer(FeaturizerOptions.Default);
        int offset = featurizer.FeatureCount;
        var random = new Random(11);
        var weights = Enumerable.Range(0, offset + WordVectors.Dimensions).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
        var head = new CompiledHead("test", new PlattCalibration(-1, 0), new LinearWeights(weights, 0.25), null);

        var table = Words.Compile([head], offset);

        var list = Words.Words.ToList();
        foreach (string word in new[] { "the", "troops", "tariff" })
        {
            int entry = list.IndexOf(word);
            var block = Words.Extend(ThemeTrainer.ToVector(featurizer, word), word).GetValues()[^WordVectors.Dimensions..].ToArray();
            double dot = block.Select((v, k) => (double)v * weights[offset + k]).Sum();
            Assert.Equal(entry, table.Find(Hash(word)));
            Assert.Equal(Words.Weights[entry] * dot, table.ScoreOf(entry, 0), 4);
        }
    }

    [Fact]
    public void The_vocabulary_entry_gives_back_the_same_words_weights_and_features()
    {
        var copy = WordVectors.FromVocabulary(Words.VocabularyText(), TrainingTexts, cacheDirectory: null, CancellationToken.None);

        Assert.Equal(Words.Words, copy.Words);
        Assert.Equal(Words.Weights, copy.Weights);
        Assert.Equal(Words.Hashes, copy.Hashes);
        var featurizer = new TextFeaturizer(FeaturizerOptions.Default);
        const string Text = "Troops crossed the border as tariffs rose.";
        var plain = ThemeTrainer.ToVector(featurizer, Text);
        Assert.Equal(Words.Extend(plain, Text).GetValues().ToArray(), copy.Extend(plain, Text).GetValues().ToArray());
    }

    [Fact]
    public void Words_of_the_training_split_are_also_read_in_context_and_other_words_are_encoded_alone()
    {
        var alone = WordVectors.FromVocabulary(Words.VocabularyText(), contextTexts: null, cacheDirectory: null, CancellationToken.None);
        var used = new List<(string Word, ulong Hash)>();
        foreach (string text in TrainingTexts)
        {
            TextFeaturizer.Words(text, used);
        }

        var usedWords = used.Select(w => w.Word).ToHashSet(StringComparer.Ordinal);
        string unused = Words.Words.First(w => !usedWords.Contains(w) && w.Length > 3);

        // A word the writers used: the sum of its encoding alone and its mean in context, so near the first, not equal.
        foreach (string word in new[] { "troops", "tariffs", "the" })
        {
            Assert.Contains(word, usedWords);
            var inContext = Block(Words, word);
            var encodedAlone = Block(alone, word);
            double cosine = inContext.Zip(encodedAlone, (a, b) => (double)a * b).Sum();
            Assert.InRange(cosine, 0.5, 0.9999);
            Assert.InRange(Math.Sqrt(inContext.Sum(v => (double)v * v)), 0.999, 1.001);
        }

        Assert.Equal(Block(alone, unused), Block(Words, unused));
    }

    [Theory]
    [InlineData("word-without-weight\n")]
    [InlineData("two words\t0.5\n")]
    [InlineData("word\tmuch\n")]
    public void A_damaged_vocabulary_entry_is_refused(string text)
    {
        Assert.Throws<FormatException>(() => WordVectors.FromVocabulary(System.Text.Encoding.UTF8.GetBytes(text), null, null, CancellationToken.None));
    }
}
