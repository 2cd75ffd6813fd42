using System.Collections.Frozen;
using System.Globalization;
using System.Text;

namespace ArticleThemes.Semantic;

/// <summary>
/// What the tokenizer's accent stripping (canonical decomposition, then dropping non-spacing marks) does to a text,
/// done without ICU. In a process with invariant globalization .NET's normalization returns its input unchanged, so
/// "córdoba" would reach the model as written instead of as "cordoba", as it was trained; there the encoder folds
/// the text first with this table (and Hangul syllables by rule), which gives the tokenizer the same input as ICU.
/// </summary>
internal static class AccentFolding
{
    private const string ResourceName = "ArticleThemes.Semantic.AccentFolding.tsv";

    // Hangul syllables decompose by rule (Unicode chapter 3.12), into leading and vowel jamo and an optional trailing one.
    private const int SyllableBase = 0xAC00;
    private const int LeadingBase = 0x1100;
    private const int VowelBase = 0x1161;
    private const int TrailingBase = 0x11A7;
    private const int VowelCount = 21;
    private const int TrailingCount = 28;
    private const int SyllableCount = 19 * VowelCount * TrailingCount;

    private static readonly Lazy<FrozenDictionary<char, string>> s_table = new(Load);

    /// <summary>Whether this process's Unicode normalization decomposes (false with invariant globalization).</summary>
    public static bool NormalizationWorks { get; } = "\u00E9".Normalize(NormalizationForm.FormD).Length == 2;

    /// <summary>The characters the table folds, and what each becomes.</summary>
    internal static FrozenDictionary<char, string> Table => s_table.Value;

    /// <summary>The text with every listed character and Hangul syllable replaced by its decomposition without marks.</summary>
    public static string Fold(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var table = s_table.Value;
        int first = 0;
        while (first < text.Length && text[first] < 0x80)
        {
            first++;
        }

        if (first == text.Length)
        {
            return text;
        }

        var folded = new StringBuilder(text.Length + 16);
        folded.Append(text, 0, first);
        for (int i = first; i < text.Length; i++)
        {
            char c = text[i];
            if (c < 0x80)
            {
                folded.Append(c);
            }
            else if (c - SyllableBase is >= 0 and < SyllableCount)
            {
                int index = c - SyllableBase;
                folded.Append((char)(LeadingBase + (index / (VowelCount * TrailingCount))));
                folded.Append((char)(VowelBase + (index % (VowelCount * TrailingCount) / TrailingCount)));
                if (index % TrailingCount != 0)
                {
                    folded.Append((char)(TrailingBase + (index % TrailingCount)));
                }
            }
            else if (table.TryGetValue(c, out string? replacement))
            {
                folded.Append(replacement);
            }
            else
            {
                folded.Append(c);
            }
        }

        return folded.ToString();
    }

    private static FrozenDictionary<char, string> Load()
    {
        using var stream = typeof(AccentFolding).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The assembly has no resource '{ResourceName}'; it was built without its accent table.");
        using var reader = new StreamReader(stream);
        var table = new Dictionary<char, string>();
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            string[] fields = line.Split('\t');
            table.Add(
                (char)int.Parse(fields[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture),
                string.Concat(fields[1].Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(h => (char)int.Parse(h, NumberStyles.HexNumber, CultureInfo.InvariantCulture))));
        }

        return table.ToFrozenDictionary();
    }
}
