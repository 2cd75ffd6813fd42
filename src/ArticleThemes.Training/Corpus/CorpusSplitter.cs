namespace ArticleThemes.Corpus;

/// <summary>
/// Assigns the fixed train/test split. When every document names its writer, whole writers are held out
/// (<see cref="SplitByWriter"/>), so the test split measures a voice the model has not read. Otherwise, within each stratum (theme combination x genre) the documents are put in a
/// seeded random order and the first share goes to test. A running remainder carries across strata, so small
/// strata still add up to the asked share overall. Finally, any test document that is a near-duplicate of a train
/// document moves to train, so the splits never leak into each other.
/// </summary>
internal static class CorpusSplitter
{
    public static IReadOnlyList<CorpusDocument> Split(IReadOnlyList<CorpusDocument> documents, double testShare, int seed)
    {
        ArgumentNullException.ThrowIfNull(documents);
        if (documents.Count > 0 && documents.All(d => d.Writer is not null))
        {
            return SplitByWriter(documents, testShare, seed);
        }

        var random = new Random(seed);
        var isTest = new bool[documents.Count];
        double carry = 0;
        var strata = Enumerable.Range(0, documents.Count)
            .GroupBy(i => (documents[i].Combination, documents[i].Genre))
            .OrderBy(g => g.Key.Combination, StringComparer.Ordinal)
            .ThenBy(g => g.Key.Genre, StringComparer.Ordinal);
        foreach (var stratum in strata)
        {
            var members = stratum.OrderBy(i => documents[i].Id, StringComparer.Ordinal).ToArray();
            random.Shuffle(members);
            double wanted = (members.Length * testShare) + carry;
            int take = (int)Math.Floor(wanted);
            carry = wanted - take;
            for (int k = 0; k < take; k++)
            {
                isTest[members[k]] = true;
            }
        }

        var split = documents.Select((d, i) => d with { Split = isTest[i] ? CorpusSplit.Test : CorpusSplit.Train }).ToList();
        foreach (var pair in NearDuplicates.AcrossSplits(split, NearDuplicates.Threshold))
        {
            int index = split.IndexOf(pair.Test);
            split[index] = pair.Test with { Split = CorpusSplit.Train };
        }

        return split;
    }

    /// <summary>
    /// Holds out whole writers: writers in a seeded random order go to test until the test split reaches
    /// <paramref name="testShare"/> of the documents, skipping a writer when that would leave one of its genres
    /// with no writer in training (the model must still read every register it is asked to label).
    /// </summary>
    public static IReadOnlyList<CorpusDocument> SplitByWriter(IReadOnlyList<CorpusDocument> documents, double testShare, int seed)
    {
        var writers = documents.GroupBy(d => d.Writer!, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).ToArray();
        var random = new Random(seed);
        random.Shuffle(writers);
        var trainWritersOfGenre = documents.GroupBy(d => d.Genre, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(d => d.Writer!).ToHashSet(StringComparer.Ordinal), StringComparer.Ordinal);
        var testWriters = new HashSet<string>(StringComparer.Ordinal);
        int wanted = (int)Math.Round(documents.Count * testShare);
        int inTest = 0;
        foreach (var writer in writers)
        {
            if (inTest >= wanted)
            {
                break;
            }

            var genres = writer.Select(d => d.Genre).Distinct(StringComparer.Ordinal).ToArray();
            if (genres.Any(g => trainWritersOfGenre[g].Count == 1) || inTest + writer.Count() > wanted * 1.15)
            {
                continue;
            }

            foreach (var genre in genres)
            {
                trainWritersOfGenre[genre].Remove(writer.Key);
            }

            testWriters.Add(writer.Key);
            inTest += writer.Count();
        }

        return documents.Select(d => d with { Split = testWriters.Contains(d.Writer!) ? CorpusSplit.Test : CorpusSplit.Train }).ToList();
    }
}
