using ArticleThemes.Featurization;
using Microsoft.ML.Data;

namespace ArticleThemes.Training;

/// <summary>
/// The feature slots a tree head reads: for each theme, the slots whose document frequency differs most between
/// the theme's positive and negative training documents, pooled over the themes. ML.NET's FastTree spends time in
/// proportion to features x trees (measured here: about 10 s for 2,000 features and 50 trees on 300 documents), so
/// handing it the whole hash space is out of the question; linear heads read every slot. The lexicon groups'
/// features are always selected: there are few of them and they carry what generalizes.
/// </summary>
internal sealed class SlotSelection
{
    /// <summary>How many slots the tree heads read, at most.</summary>
    public const int MaximumSlots = 1_200;

    private readonly int[] _position;

    public SlotSelection(int dimension, int[] slots)
    {
        Slots = slots;
        _position = new int[dimension];
        Array.Fill(_position, -1);
        for (int k = 0; k < slots.Length; k++)
        {
            _position[slots[k]] = k;
        }
    }

    /// <summary>The selected slots in ascending order; a head's feature k is slot <c>Slots[k]</c>.</summary>
    public int[] Slots { get; }

    /// <summary>Selects the slots from the <paramref name="rows"/> given (a training fold, never test documents).</summary>
    public static SlotSelection FromLabels(TextFeaturizer featurizer, IReadOnlyList<VBuffer<float>> vectors, IReadOnlyList<bool[]> labels, IReadOnlyList<int> rows)
    {
        ArgumentNullException.ThrowIfNull(featurizer);
        int dimension = featurizer.FeatureCount;
        var selected = new HashSet<int>(Enumerable.Range(featurizer.Dimension, featurizer.FeatureCount - featurizer.Dimension));
        int perTheme = MaximumSlots / Math.Max(1, labels.Count);
        foreach (var themeLabels in labels)
        {
            var positive = new int[dimension];
            var negative = new int[dimension];
            int positives = 0;
            foreach (int row in rows)
            {
                bool label = themeLabels[row];
                positives += label ? 1 : 0;
                var counts = label ? positive : negative;
                foreach (int slot in vectors[row].GetIndices())
                {
                    // Features past the featurizer's (the word-vector block) are dense; trees do not read them.
                    if (slot < dimension)
                    {
                        counts[slot]++;
                    }
                }
            }

            int negatives = rows.Count - positives;
            if (positives == 0 || negatives == 0)
            {
                continue;
            }

            // Difference of document frequencies: large for slots typical of one side and rare on the other.
            var best = Enumerable.Range(0, dimension)
                .Where(s => positive[s] + negative[s] >= 2)
                .Select(s => (Slot: s, Score: Math.Abs(((double)positive[s] / positives) - ((double)negative[s] / negatives))))
                .OrderByDescending(x => x.Score)
                .ThenBy(x => x.Slot)
                .Take(perTheme);
            foreach (var (slot, _) in best)
            {
                selected.Add(slot);
            }
        }

        return new SlotSelection(dimension, selected.Order().ToArray());
    }

    /// <summary>The vector restricted to the selected slots, re-indexed; values are unchanged.</summary>
    public VBuffer<float> Project(VBuffer<float> vector)
    {
        var indices = new List<int>();
        var values = new List<float>();
        var sourceIndices = vector.GetIndices();
        var sourceValues = vector.GetValues();
        for (int i = 0; i < sourceIndices.Length; i++)
        {
            int k = sourceIndices[i] < _position.Length ? _position[sourceIndices[i]] : -1;
            if (k >= 0)
            {
                indices.Add(k);
                values.Add(sourceValues[i]);
            }
        }

        return new VBuffer<float>(Slots.Length, indices.Count, values.ToArray(), indices.ToArray());
    }
}
