using System.Globalization;
using System.Numerics;
using System.Text;
using ArticleThemes.Corpus;
using ArticleThemes.Featurization;
using ArticleThemes.Scoring;
using ArticleThemes.Semantic;
using Microsoft.ML.Data;

namespace ArticleThemes.Training;

/// <summary>
/// The fast tier's word vectors, from the accurate tier's sentence encoder (all-MiniLM-L6-v2). Every word of the
/// vocabulary is encoded on its own, so that words the corpus never used still carry what the encoder learned about
/// them ("howitzer" lands near "artillery"); a word the training split uses also gets the mean of its vectors in
/// context there (the encoder's output for its word pieces, read in the document's run of words), and its vector is
/// the normalized sum of the two. The heads read one more block of features after the featurizer's: the weighted
/// mean of the text's word vectors, each word weighted by <c>a / (a + p)</c>, where <c>p</c> is its frequency in the
/// training split (smooth inverse frequency: common words count little), with <see cref="PriorWeight"/> added to the
/// weights' total: a pseudo-word of the zero vector, so that a text of one or two words is not read as those words'
/// vectors at full strength ("America" alone is not a trade text because the word often sits beside exports).
/// </summary>
/// <remarks>
/// A word encoded alone is read as a one-word sentence; in context it is read as the writers used it. The sum keeps
/// the two on one footing, so that a word the corpus never used (which has only its encoding alone) is not in
/// another space from the words the heads were trained on. The vocabulary is the words of the training split and
/// the whole words of the encoder's own vocabulary, as the featurizer reads them (lower case), without words that
/// hold a digit. Serving keeps none of the vectors: after the heads are trained, <see cref="Compile"/> reduces each
/// word to its weighted score per theme (<see cref="WordScores"/>).
/// </remarks>
internal sealed class WordVectors
{
    /// <summary>The <c>a</c> of the words' weights <c>a / (a + p)</c>: a word as frequent as this weighs half as much as a rare one.</summary>
    public const double WeightSmoothing = 1e-3;

    private readonly Dictionary<ulong, int> _entries;
    private readonly float[][] _vectors;

    private WordVectors(string[] words, ulong[] hashes, float[] weights, float[][] vectors)
    {
        Words = words;
        Hashes = hashes;
        Weights = weights;
        _vectors = vectors;
        _entries = new Dictionary<ulong, int>(hashes.Length);
        for (int i = 0; i < hashes.Length; i++)
        {
            _entries.Add(hashes[i], i);
        }
    }

    private WordVectors(WordVectors other, double priorWeight)
    {
        Words = other.Words;
        Hashes = other.Hashes;
        Weights = other.Weights;
        _vectors = other._vectors;
        _entries = other._entries;
        PriorWeight = priorWeight;
    }

    /// <summary>The weight of the zero vector in every text's mean (see the summary); 0 unless set by <see cref="WithPriorWeight"/>.</summary>
    public double PriorWeight { get; }

    /// <summary>The same vectors, read with <paramref name="priorWeight"/> as <see cref="PriorWeight"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="priorWeight"/> is negative or not finite.</exception>
    public WordVectors WithPriorWeight(double priorWeight)
    {
        if (!(priorWeight >= 0 && double.IsFinite(priorWeight)))
        {
            throw new ArgumentOutOfRangeException(nameof(priorWeight), priorWeight, "The prior weight is a finite number of at least 0.");
        }

        return new WordVectors(this, priorWeight);
    }

    /// <summary>Where the vectors come from, as the manifest names it.</summary>
    public static string Source => SemanticThemeClassifier.EncoderName;

    /// <summary>Length of a vector.</summary>
    public static int Dimensions => SentenceEncoder.Dimensions;

    /// <summary>The vocabulary, in ordinal order.</summary>
    public IReadOnlyList<string> Words { get; }

    /// <summary>Each word's hash, as the featurizer computes it.</summary>
    public IReadOnlyList<ulong> Hashes { get; }

    /// <summary>Each word's weight in a text's mean.</summary>
    public IReadOnlyList<float> Weights { get; }

    /// <summary>
    /// Builds the vocabulary of <paramref name="train"/> (see the remarks) and encodes it, alone and in the context of
    /// <paramref name="train"/>'s texts, reading and writing the encodings alone in <paramref name="cacheDirectory"/>
    /// when one is given.
    /// </summary>
    public static WordVectors Build(IReadOnlyList<CorpusDocument> train, string? cacheDirectory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(train);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var hashes = new Dictionary<string, ulong>(StringComparer.Ordinal);
        long total = 0;
        var words = new List<(string Word, ulong Hash)>();
        foreach (var document in train)
        {
            words.Clear();
            TextFeaturizer.Words(document.Text, words);
            foreach (var (word, hash) in words)
            {
                counts[word] = counts.GetValueOrDefault(word) + 1;
                hashes.TryAdd(word, hash);
                total++;
            }
        }

        foreach (string piece in SentenceEncoder.ReadVocabulary())
        {
            // "##ing" continues a word and "[CLS]" is a control token: neither is a word.
            if (piece.StartsWith("##", StringComparison.Ordinal) || piece.StartsWith('['))
            {
                continue;
            }

            words.Clear();
            TextFeaturizer.Words(piece, words);
            foreach (var (word, hash) in words)
            {
                hashes.TryAdd(word, hash);
            }
        }

        // A digit is '0' to the featurizer ("1990" reads "0000"): such words carry no meaning the encoder could give.
        var vocabulary = hashes.Keys.Where(w => !w.Contains('0', StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToArray();
        var weights = vocabulary.Select(w => (float)(WeightSmoothing / (WeightSmoothing + (total == 0 ? 0 : counts.GetValueOrDefault(w) / (double)total)))).ToArray();
        return Encode(vocabulary, vocabulary.Select(w => hashes[w]).ToArray(), weights, train.Select(d => d.Text).ToArray(), cacheDirectory, cancellationToken);
    }

    /// <summary>
    /// The word vectors of a saved model, from its vocabulary entry (<see cref="VocabularyText"/>): the same words
    /// and weights, encoded again, so the ML.NET heads stored in the file can be checked against serving. The
    /// vectors in context need the texts of the training split the model was trained on (<paramref name="contextTexts"/>);
    /// without them (null) every word is encoded alone, as models made before the vectors in context were.
    /// </summary>
    /// <exception cref="FormatException">A line is not <c>word TAB weight</c>.</exception>
    public static WordVectors FromVocabulary(ReadOnlySpan<byte> vocabularyText, IReadOnlyList<string>? contextTexts, string? cacheDirectory, CancellationToken cancellationToken)
    {
        var words = new List<string>();
        var weights = new List<float>();
        int number = 0;
        foreach (string line in Encoding.UTF8.GetString(vocabularyText).Split('\n'))
        {
            number++;
            if (line.Length == 0)
            {
                continue;
            }

            int tab = line.IndexOf('\t', StringComparison.Ordinal);
            if (tab <= 0 || !float.TryParse(line.AsSpan(tab + 1), NumberStyles.Float, CultureInfo.InvariantCulture, out float weight))
            {
                throw new FormatException($"line {number} of the word vocabulary is not 'word<TAB>weight'.");
            }

            words.Add(line[..tab]);
            weights.Add(weight);
        }

        var hashes = new List<ulong>(1);
        var wordHashes = words.Select(w =>
        {
            hashes.Clear();
            TextFeaturizer.WordHashes(w, hashes);
            return hashes.Count == 1 ? hashes[0] : throw new FormatException($"'{w}' in the word vocabulary is not one word.");
        }).ToArray();
        return Encode(words.ToArray(), wordHashes, weights.ToArray(), contextTexts, cacheDirectory, cancellationToken);
    }

    private static WordVectors Encode(string[] words, ulong[] hashes, float[] weights, IReadOnlyList<string>? contextTexts, string? cacheDirectory, CancellationToken cancellationToken)
    {
        using var encoder = SentenceEncoder.Create();
        var vectors = new WordVectors(words, hashes, weights, EmbeddingCache.GetOrCompute(cacheDirectory, encoder, words, cancellationToken));
        if (contextTexts is not null)
        {
            vectors.AddContext(contextTexts, encoder, cancellationToken);
        }

        return vectors;
    }

    /// <summary>
    /// Replaces the vector of each word that <paramref name="texts"/> use by the normalized sum of its vector alone and
    /// the normalized mean of its (normalized) vectors in context over all its occurrences.
    /// </summary>
    private void AddContext(IReadOnlyList<string> texts, SentenceEncoder encoder, CancellationToken cancellationToken)
    {
        var vectors = _vectors;
        var sums = new double[vectors.Length][];
        // A slice of documents at a time: enough chunks to batch well, few enough vectors to hold.
        const int SliceSize = 256;
        for (int first = 0; first < texts.Count; first += SliceSize)
        {
            var slice = new List<(string Word, ulong Hash)>[Math.Min(SliceSize, texts.Count - first)];
            for (int i = 0; i < slice.Length; i++)
            {
                slice[i] = [];
                TextFeaturizer.Words(texts[first + i], slice[i]);
            }

            var inContext = encoder.EncodeWordsInContext(slice.Select(words => words.Select(w => w.Word).ToArray()).ToArray(), cancellationToken);
            for (int i = 0; i < slice.Length; i++)
            {
                var words = slice[i];
                for (int w = 0; w < words.Count; w++)
                {
                    if (inContext[i][w] is { } vector && _entries.TryGetValue(words[w].Hash, out int entry))
                    {
                        // Each occurrence counts once, however long its vector: normalized before it is added.
                        double length = Length(vector);
                        var sum = sums[entry] ??= new double[vector.Length];
                        for (int k = 0; k < vector.Length; k++)
                        {
                            sum[k] += vector[k] / length;
                        }
                    }
                }
            }
        }

        for (int e = 0; e < vectors.Length; e++)
        {
            if (sums[e] is not { } sum)
            {
                continue;
            }

            double contextLength = Length(sum);
            var alone = vectors[e];
            var combined = new double[alone.Length];
            for (int k = 0; k < alone.Length; k++)
            {
                combined[k] = alone[k] + (sum[k] / contextLength);
            }

            double length = Length(combined);
            vectors[e] = combined.Select(x => (float)(x / length)).ToArray();
        }
    }

    private static double Length<T>(T[] vector)
        where T : INumberBase<T>
    {
        double squares = 0;
        foreach (var x in vector)
        {
            double v = double.CreateChecked(x);
            squares += v * v;
        }

        return Math.Max(Math.Sqrt(squares), 1e-12);
    }

    /// <summary>
    /// <paramref name="features"/> (the featurizer's vector of <paramref name="text"/>) followed by the weighted mean
    /// of the text's word vectors, <see cref="PriorWeight"/> added to the weights' total; the block is all zeros when no
    /// word of the text is in the vocabulary.
    /// </summary>
    public VBuffer<float> Extend(VBuffer<float> features, string text)
    {
        var words = new List<(string Word, ulong Hash)>();
        TextFeaturizer.Words(text, words);
        var sum = new double[Dimensions];
        double totalWeight = 0;
        foreach (var (_, hash) in words)
        {
            if (_entries.TryGetValue(hash, out int entry))
            {
                double weight = Weights[entry];
                var vector = _vectors[entry];
                for (int k = 0; k < sum.Length; k++)
                {
                    sum[k] += weight * vector[k];
                }

                totalWeight += weight;
            }
        }

        int offset = features.Length;
        var indices = new List<int>(features.GetIndices().Length + Dimensions);
        var values = new List<float>(indices.Capacity);
        indices.AddRange(features.GetIndices());
        values.AddRange(features.GetValues());
        if (totalWeight > 0)
        {
            // The same sum as the scorer's: the words' weights, then the prior.
            double meanWeight = totalWeight + PriorWeight;
            for (int k = 0; k < sum.Length; k++)
            {
                indices.Add(offset + k);
                values.Add((float)(sum[k] / meanWeight));
            }
        }

        return new VBuffer<float>(offset + Dimensions, indices.Count, values.ToArray(), indices.ToArray());
    }

    /// <summary>
    /// Each word's weight times its vector's dot product with each linear head's weights for the block that starts
    /// at <paramref name="offset"/> (0 for a tree head, which does not read the block): all serving needs.
    /// </summary>
    public WordScores Compile(IReadOnlyList<CompiledHead> heads, int offset)
    {
        ArgumentNullException.ThrowIfNull(heads);
        var scores = new float[Words.Count * heads.Count];
        for (int entry = 0; entry < Words.Count; entry++)
        {
            var vector = _vectors[entry];
            for (int t = 0; t < heads.Count; t++)
            {
                if (heads[t].Linear is not { } linear)
                {
                    continue;
                }

                double dot = 0;
                for (int k = 0; k < vector.Length; k++)
                {
                    dot += (double)linear.Weights[offset + k] * vector[k];
                }

                scores[(entry * heads.Count) + t] = (float)(Weights[entry] * dot);
            }
        }

        return WordScores.Create(Hashes.ToArray(), Weights.ToArray(), scores, heads.Count, Dimensions, PriorWeight);
    }

    /// <summary>The vocabulary entry of the model file: <c>word TAB weight</c> per line, in entry order.</summary>
    public byte[] VocabularyText()
    {
        var text = new StringBuilder();
        for (int i = 0; i < Words.Count; i++)
        {
            text.Append(Words[i]).Append('\t').Append(Weights[i].ToString("R", CultureInfo.InvariantCulture)).Append('\n');
        }

        return new UTF8Encoding(false).GetBytes(text.ToString());
    }
}
