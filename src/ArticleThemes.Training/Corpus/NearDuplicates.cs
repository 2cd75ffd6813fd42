namespace ArticleThemes.Corpus;

/// <summary>A train document and a test document that share too much text.</summary>
internal sealed record NearDuplicatePair(CorpusDocument Train, CorpusDocument Test, double Similarity);

/// <summary>
/// Finds near-duplicate documents by the Jaccard similarity of their sets of word 5-grams (lower-cased words).
/// A document shorter than five words counts as one shingle of all its words, so repeated headlines are caught.
/// </summary>
internal static class NearDuplicates
{
    /// <summary>Pairs at or above this similarity leak the test split into training.</summary>
    public const double Threshold = 0.5;

    private const int ShingleLength = 5;

    public static IReadOnlyList<NearDuplicatePair> AcrossSplits(IReadOnlyList<CorpusDocument> documents, double threshold)
    {
        var train = documents.Where(d => d.Split == CorpusSplit.Train).ToArray();
        var test = documents.Where(d => d.Split == CorpusSplit.Test).ToArray();
        return Pairs(train, test, threshold).Select(p => new NearDuplicatePair(train[p.Left], test[p.Right], p.Similarity)).ToArray();
    }

    /// <summary>Pairs (left index, right index, similarity) at or above <paramref name="threshold"/>.</summary>
    public static IEnumerable<(int Left, int Right, double Similarity)> Pairs(IReadOnlyList<CorpusDocument> left, IReadOnlyList<CorpusDocument> right, double threshold)
    {
        var leftShingles = left.Select(d => Shingles(d.Text)).ToArray();
        var rightShingles = right.Select(d => Shingles(d.Text)).ToArray();

        // Inverted index over the left side, so only pairs sharing a shingle are compared.
        var index = new Dictionary<ulong, List<int>>();
        for (int i = 0; i < leftShingles.Length; i++)
        {
            foreach (ulong shingle in leftShingles[i])
            {
                if (!index.TryGetValue(shingle, out var list))
                {
                    index[shingle] = list = [];
                }

                list.Add(i);
            }
        }

        for (int j = 0; j < rightShingles.Length; j++)
        {
            var shared = new Dictionary<int, int>();
            foreach (ulong shingle in rightShingles[j])
            {
                if (index.TryGetValue(shingle, out var list))
                {
                    foreach (int i in list)
                    {
                        shared[i] = shared.GetValueOrDefault(i) + 1;
                    }
                }
            }

            foreach (var (i, count) in shared.OrderBy(p => p.Key))
            {
                double jaccard = (double)count / (leftShingles[i].Count + rightShingles[j].Count - count);
                if (jaccard >= threshold)
                {
                    yield return (i, j, jaccard);
                }
            }
        }
    }

    public static HashSet<ulong> Shingles(string text)
    {
        var words = new List<string>();
        var current = new System.Text.StringBuilder();
        foreach (char c in text)
        {
            if (char.IsLetterOrDigit(c))
            {
                current.Append(char.ToLowerInvariant(c));
            }
            else if (current.Length > 0)
            {
                words.Add(current.ToString());
                current.Clear();
            }
        }

        if (current.Length > 0)
        {
            words.Add(current.ToString());
        }

        var shingles = new HashSet<ulong>();
        int length = Math.Min(ShingleLength, words.Count);
        for (int start = 0; start + length <= words.Count && length > 0; start++)
        {
            shingles.Add(Hash(words, start, length));
        }

        return shingles;
    }

    private static ulong Hash(List<string> words, int start, int length)
    {
        ulong hash = 0xCBF29CE484222325UL;
        for (int w = start; w < start + length; w++)
        {
            foreach (char c in words[w])
            {
                hash = (hash ^ c) * 0x100000001B3UL;
            }

            hash = (hash ^ ' ') * 0x100000001B3UL;
        }

        return hash;
    }
}
