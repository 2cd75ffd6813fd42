using System.Collections.ObjectModel;
using ArticleThemes.Featurization;
using ArticleThemes.Lexicon;
using ArticleThemes.Scoring;

namespace ArticleThemes.Explanation;

/// <summary>
/// Splits each linear head's raw score over spans of the text. The features and their ranges come from
/// <see cref="TextFeaturizer.Emit{TSink}"/> itself (a sink that wants spans), so the explanation sees exactly the
/// features the hot path scored.
/// </summary>
internal static class Explainer
{
    public static IReadOnlyList<ThemeExplanation> Explain(CompiledScorer scorer, string text, ThemePrediction prediction, ReadOnlySpan<double> rawScores, int maxEvidence)
    {
        var featurizer = scorer.Featurizer;
        var heads = scorer.Heads;
        int dimension = featurizer.Dimension;
        var occurrences = new List<Occurrence>();
        var lexiconOccurrences = new List<LexiconOccurrence>();
        var wordOccurrences = new List<WordOccurrence>();
        var wordScores = scorer.WordScores;
        var scratch = FeatureScratch.ForCurrentThread(dimension);
        var sink = new RecordingSink(scratch, occurrences, lexiconOccurrences, wordScores, wordOccurrences);
        featurizer.Emit(text.AsSpan(), ref sink);
        double norm = TextFeaturizer.Norm(scratch);
        double inverseNorm = norm > 0 ? 1.0 / norm : 0.0;

        // A slot's value is shared by its occurrences: its count, unless the count saturated (a 100,000-letter word
        // repeats one chunk more often than a count holds); then the occurrences are counted here.
        Dictionary<int, int>? saturated = null;
        foreach (var occurrence in occurrences)
        {
            if (scratch.CountOf(occurrence.Slot) == FeatureScratch.MaxCount)
            {
                saturated ??= [];
                saturated[occurrence.Slot] = saturated.GetValueOrDefault(occurrence.Slot) + 1;
            }
        }

        // Linear heads' weights, by theme (null for a tree head).
        int themeCount = heads.Count;
        var weights = new float[]?[themeCount];
        for (int t = 0; t < themeCount; t++)
        {
            weights[t] = heads[t].Linear?.Weights;
        }

        // Spans in order of first appearance, each with a contribution per theme (flat: span * themeCount + theme)
        // and the feature families seen there.
        var spanIndex = new Dictionary<(int Start, int Length), int>(occurrences.Count / 4);
        var spans = new List<(int Start, int Length)>(occurrences.Count / 4);
        var kinds = new List<EvidenceKinds>(occurrences.Count / 4);
        var contributions = new List<double>(occurrences.Count / 4 * themeCount);

        int Span(int start, int length, EvidenceKinds kind)
        {
            // The chunks and the word of one place come together: the last span is the common hit.
            int last = spans.Count - 1;
            if (last >= 0 && spans[last] == (start, length))
            {
                kinds[last] |= kind;
                return last;
            }

            if (!spanIndex.TryGetValue((start, length), out int index))
            {
                index = spans.Count;
                spanIndex.Add((start, length), index);
                spans.Add((start, length));
                kinds.Add(EvidenceKinds.None);
                for (int t = 0; t < themeCount; t++)
                {
                    contributions.Add(0);
                }
            }

            kinds[index] |= kind;
            return index;
        }

        // Chunks arrive before the word they are in, with the word's start: they count toward the word's span.
        int pendingChunks = 0;
        for (int i = 0; i < occurrences.Count; i++)
        {
            var occurrence = occurrences[i];
            if (occurrence.Kind == FeatureKind.Chunk)
            {
                pendingChunks++;
                continue;
            }

            if (occurrence.Kind == FeatureKind.Word)
            {
                for (int j = i - pendingChunks; j < i; j++)
                {
                    AddHashed(occurrences[j].Slot, Span(occurrence.Start, occurrence.Length, EvidenceKinds.CharacterChunks));
                }

                pendingChunks = 0;
                AddHashed(occurrence.Slot, Span(occurrence.Start, occurrence.Length, EvidenceKinds.Word));
            }
            else
            {
                AddHashed(occurrence.Slot, Span(occurrence.Start, occurrence.Length, EvidenceKinds.WordPair));
            }
        }

        foreach (var match in lexiconOccurrences)
        {
            uint groups = match.Groups;
            int index = Span(match.Start, match.Length, EvidenceKinds.LexiconPhrase);
            while (groups != 0)
            {
                int g = System.Numerics.BitOperations.TrailingZeroCount(groups);
                groups &= groups - 1;
                int matches = scratch.LexiconCount(g);
                double share = ThemeLexicon.Value(matches) / matches;
                for (int t = 0; t < themeCount; t++)
                {
                    if (weights[t] is { } w)
                    {
                        contributions[(index * themeCount) + t] += w[dimension + g] * share;
                    }
                }
            }
        }

        // Each word found in the word vectors adds its score over the total weight of the text's words found there
        // plus the table's prior weight, as the scorer divides.
        if (wordScores is not null && wordOccurrences.Count > 0)
        {
            double totalWeight = wordScores.PriorWeight;
            foreach (var word in wordOccurrences)
            {
                totalWeight += wordScores.WeightOf(word.Entry);
            }

            foreach (var word in wordOccurrences)
            {
                int index = Span(word.Start, word.Length, EvidenceKinds.WordVector);
                for (int t = 0; t < themeCount; t++)
                {
                    if (weights[t] is not null)
                    {
                        contributions[(index * themeCount) + t] += wordScores.ScoreOf(word.Entry, t) / totalWeight;
                    }
                }
            }
        }

        var result = new ThemeExplanation[themeCount];
        for (int t = 0; t < themeCount; t++)
        {
            var score = prediction.Scores[t];
            if (heads[t].Linear is not { } linear)
            {
                result[t] = new ThemeExplanation(score, rawScores[t], 0, ReadOnlyCollection<Evidence>.Empty, rawScores[t], 0, isExplained: false);
                continue;
            }

            // Strongest first: a sort on primitive keys, then ties among the listed spans put in text order.
            int nonZero = 0;
            for (int s = 0; s < spans.Count; s++)
            {
                nonZero += contributions[(s * themeCount) + t] != 0 ? 1 : 0;
            }

            var keys = new double[nonZero];
            var order = new int[nonZero];
            for (int s = 0, k = 0; s < spans.Count; s++)
            {
                double c = contributions[(s * themeCount) + t];
                if (c != 0)
                {
                    keys[k] = -Math.Abs(c);
                    order[k++] = s;
                }
            }

            Array.Sort(keys, order);
            int tiesEnd = Math.Min(maxEvidence, nonZero);
            while (tiesEnd > 0 && tiesEnd < nonZero && keys[tiesEnd] == keys[tiesEnd - 1])
            {
                tiesEnd++;
            }

            Array.Sort(order, 0, tiesEnd, Comparer<int>.Create((a, b) =>
            {
                int byStrength = Math.Abs(contributions[(b * themeCount) + t]).CompareTo(Math.Abs(contributions[(a * themeCount) + t]));
                return byStrength != 0 ? byStrength : spans[a].Start.CompareTo(spans[b].Start);
            }));

            int listed = Math.Min(maxEvidence, order.Length);
            var evidence = new Evidence[listed];
            double other = 0;
            for (int k = 0; k < order.Length; k++)
            {
                int s = order[k];
                if (k < listed)
                {
                    var (start, length) = spans[s];
                    evidence[k] = new Evidence(start, length, text.Substring(start, length), contributions[(s * themeCount) + t], kinds[s]);
                }
                else
                {
                    other += contributions[(s * themeCount) + t];
                }
            }

            result[t] = new ThemeExplanation(score, rawScores[t], linear.Bias, Array.AsReadOnly(evidence), other, order.Length, isExplained: true);
        }

        return Array.AsReadOnly(result);

        void AddHashed(int slot, int index)
        {
            int count = scratch.CountOf(slot);
            int occurrencesOfSlot = saturated is not null && saturated.TryGetValue(slot, out int n) ? n : count;
            double share = TextFeaturizer.Weight(count) * inverseNorm / occurrencesOfSlot;
            int at = index * themeCount;
            for (int t = 0; t < themeCount; t++)
            {
                if (weights[t] is { } w)
                {
                    contributions[at + t] += w[slot] * share;
                }
            }
        }
    }
}
