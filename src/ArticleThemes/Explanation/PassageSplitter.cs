using ArticleThemes.Featurization;

namespace ArticleThemes.Explanation;

/// <summary>Cuts a text into passages (see <see cref="PassageOptions"/>), with the featurizer's own words.</summary>
internal static class PassageSplitter
{
    public static List<(int Start, int Length)> Split(TextFeaturizer featurizer, ReadOnlySpan<char> text, PassageOptions options)
    {
        if (text.Length > featurizer.Options.MaxCharacters)
        {
            text = text[..featurizer.Options.MaxCharacters];
        }

        var words = new List<(int Start, int End)>();
        var sink = new WordRangeSink(words);
        featurizer.Emit(text, ref sink);

        // Units: whole paragraphs, or windows of over-long ones; each as a range of word indices [first, last].
        var units = new List<(int First, int Last)>();
        int w = 0;
        var paragraphs = Paragraphs(text);
        foreach (var (start, end) in paragraphs)
        {
            int first = w;
            while (w < words.Count && words[w].Start < end)
            {
                w++;
            }

            if (w == first)
            {
                continue;
            }

            if (w - first <= options.MaxParagraphWords)
            {
                units.Add((first, w - 1));
            }
            else
            {
                Windows(text, words, first, w - 1, options, units);
            }
        }

        // Merge units that are too short with the next one (the last with the one before).
        var merged = new List<(int First, int Last)>();
        int pending = -1;
        foreach (var (first, last) in units)
        {
            int from = pending >= 0 ? pending : first;
            if (last - from + 1 < options.MinWords)
            {
                pending = from;
                continue;
            }

            merged.Add((from, last));
            pending = -1;
        }

        if (pending >= 0)
        {
            if (merged.Count > 0)
            {
                merged[^1] = (merged[^1].First, units[^1].Last);
            }
            else
            {
                merged.Add((pending, units[^1].Last));
            }
        }

        // Character ranges: from the first word's paragraph or sentence start to the last character before the next
        // passage that is not white space.
        var passages = new List<(int Start, int Length)>(merged.Count);
        for (int i = 0; i < merged.Count; i++)
        {
            int start = StartOf(text, words, merged[i].First, paragraphs);
            int end = i + 1 < merged.Count ? StartOf(text, words, merged[i + 1].First, paragraphs) : text.Length;
            while (end > start && char.IsWhiteSpace(text[end - 1]))
            {
                end--;
            }

            passages.Add((start, end - start));
        }

        return passages;
    }

    /// <summary>Where a passage starting at word <paramref name="first"/> begins: its paragraph's start when the word is the paragraph's first, else the word's start.</summary>
    private static int StartOf(ReadOnlySpan<char> text, List<(int Start, int End)> words, int first, List<(int Start, int End)> paragraphs)
    {
        int wordStart = words[first].Start;
        foreach (var (start, end) in paragraphs)
        {
            if (wordStart < end)
            {
                bool firstWordOfParagraph = first == 0 || words[first - 1].Start < start;
                return firstWordOfParagraph ? start : wordStart;
            }
        }

        return wordStart;
    }

    /// <summary>Cuts the words [first, last] of one paragraph into windows ending at sentence ends where possible.</summary>
    private static void Windows(ReadOnlySpan<char> text, List<(int Start, int End)> words, int first, int last, PassageOptions options, List<(int, int)> units)
    {
        int target = options.WindowWords;
        int a = first;
        while (a <= last)
        {
            if (last - a + 1 <= options.MaxParagraphWords)
            {
                units.Add((a, last));
                return;
            }

            // The sentence end closest to the target, from half a window to one and a half.
            int best = -1;
            for (int j = a + (target / 2) - 1; j <= Math.Min(last - options.MinWords, a + (target * 3 / 2) - 1); j++)
            {
                if (EndsSentence(text, words[j].End, words[j + 1].Start) && (best < 0 || Math.Abs(j - (a + target - 1)) < Math.Abs(best - (a + target - 1))))
                {
                    best = j;
                }
            }

            int end = best >= 0 ? best : a + target - 1;
            units.Add((a, end));
            a = end + 1;
        }
    }

    private static bool EndsSentence(ReadOnlySpan<char> text, int from, int to)
    {
        foreach (char c in text[from..to])
        {
            if (c is '.' or '!' or '?' or '。' or '！' or '？' or '…')
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The paragraphs of the text: runs of lines that are not blank, trimmed of white space at both ends.</summary>
    private static List<(int Start, int End)> Paragraphs(ReadOnlySpan<char> text)
    {
        var paragraphs = new List<(int, int)>();
        int start = -1;
        int lastContent = -1;
        int lineStart = 0;
        bool lineBlank = true;
        for (int i = 0; i <= text.Length; i++)
        {
            bool endOfLine = i == text.Length || text[i] == '\n';
            if (!endOfLine)
            {
                if (!char.IsWhiteSpace(text[i]))
                {
                    if (start < 0)
                    {
                        start = i;
                    }

                    lineBlank = false;
                    lastContent = i;
                }

                continue;
            }

            if (lineBlank && start >= 0 && lineStart < i + 1)
            {
                paragraphs.Add((start, lastContent + 1));
                start = -1;
            }

            lineStart = i + 1;
            lineBlank = true;
        }

        if (start >= 0)
        {
            paragraphs.Add((start, lastContent + 1));
        }

        return paragraphs;
    }
}
