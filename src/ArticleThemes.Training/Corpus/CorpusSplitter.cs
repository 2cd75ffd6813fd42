namespace ArticleThemes.Corpus;

/// <summary>
/// Assigns the fixed train/test split: within each stratum (theme combination x genre) the documents are put in a
/// seeded random order and the first share goes to test. A running remainder carries across strata, so small
/// strata still add up to the asked share overall. Finally, any test document that is a near-duplicate of a train
/// document moves to train, so the splits never leak into each other.
/// </summary>
internal static class CorpusSplitter
{
    public static IReadOnlyList<CorpusDocument> Split(IReadOnlyList<CorpusDocument> documents, double testShare, int seed)
    {
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
}
