using System.Text.Json;

namespace ArticleThemes.Corpus;

/// <summary>
/// Reads a corpus in JSON Lines: one object per line with <c>id</c>, <c>text</c>, <c>themes</c> (an array of
/// names, possibly empty), <c>genre</c> and <c>split</c> (<c>train</c> or <c>test</c>); optional
/// <c>hard_negative</c>, <c>region</c> and <c>decade</c>. Every problem is reported as <c>file:line: reason</c>.
/// </summary>
internal static class CorpusReader
{
    public static LabeledCorpus Load(string path, IReadOnlyCollection<string>? allowedThemes = null, bool requireSplit = true) =>
        Load(path, stream => Read(stream, path, allowedThemes, requireSplit));

    /// <summary>
    /// Reads an evaluation set of real text: one object per line with <c>id</c>, <c>text</c>, <c>themes</c> and
    /// <c>source</c> (where the text comes from; reported like a genre). Every document counts as test data.
    /// </summary>
    public static LabeledCorpus LoadEvaluationSet(string path) =>
        Load(path, stream => Read(stream, path, allowedThemes: null, requireSplit: false, evaluationSet: true));

    private static LabeledCorpus Load(string path, Func<Stream, LabeledCorpus> read)
    {
        ArgumentNullException.ThrowIfNull(path);
        FileStream stream;
        try
        {
            stream = File.OpenRead(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            string reason = ex switch
            {
                _ when Directory.Exists(path) => "this is a directory; give a JSON Lines file.",
                FileNotFoundException or DirectoryNotFoundException => "the file does not exist.",
                _ => $"the file cannot be read ({ex.Message}).",
            };
            throw new DataFormatException(path, 0, reason);
        }

        using (stream)
        {
            return read(stream);
        }
    }

    public static LabeledCorpus Read(Stream stream, string sourceName, IReadOnlyCollection<string>? allowedThemes = null, bool requireSplit = true, bool evaluationSet = false)
    {
        var documents = new List<CorpusDocument>();
        var lineOfId = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var line in JsonLinesReader.Read(stream, sourceName))
        {
            var document = Parse(line, sourceName, allowedThemes, requireSplit, evaluationSet);
            if (!lineOfId.TryAdd(document.Id, line.Number))
            {
                throw new DataFormatException(sourceName, line.Number, $"duplicate id '{document.Id}' (first on line {lineOfId[document.Id]}).");
            }

            documents.Add(document);
        }

        if (documents.Count == 0)
        {
            throw new DataFormatException(sourceName, 0, "the corpus has no documents.");
        }

        return new LabeledCorpus(sourceName, documents);
    }

    private static CorpusDocument Parse(JsonLine line, string file, IReadOnlyCollection<string>? allowedThemes, bool requireSplit, bool evaluationSet)
    {
        var value = line.Checked;
        if (value.ValueKind != JsonValueKind.Object)
        {
            throw Error("the line is not a JSON object.");
        }

        string id = RequiredString("id");
        string text = RequiredString("text");
        if (string.IsNullOrWhiteSpace(text))
        {
            throw Error($"document '{id}' has empty text.");
        }

        if (!value.TryGetProperty("themes", out var themesValue) || themesValue.ValueKind != JsonValueKind.Array)
        {
            throw Error($"document '{id}' needs \"themes\": an array of theme names (empty for none).");
        }

        var themes = new List<string>();
        foreach (var theme in themesValue.EnumerateArray())
        {
            if (theme.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(theme.GetString()))
            {
                throw Error($"document '{id}' has a theme that is not a non-empty string.");
            }

            string name = theme.GetString()!;
            if (allowedThemes is not null && !allowedThemes.Contains(name))
            {
                throw Error($"document '{id}' has unknown theme '{name}'; allowed: {string.Join(", ", allowedThemes)}.");
            }

            if (themes.Contains(name))
            {
                throw Error($"document '{id}' lists theme '{name}' twice.");
            }

            themes.Add(name);
        }

        string genre = RequiredString(evaluationSet ? "source" : "genre");
        // Documents still waiting for 'corpus split' have no split yet; an evaluation set is all test.
        string splitName = evaluationSet ? "test" : requireSplit || value.TryGetProperty("split", out _) ? RequiredString("split") : "train";
        var split = splitName switch
        {
            "train" => CorpusSplit.Train,
            "test" => CorpusSplit.Test,
            _ => throw Error($"document '{id}' has split '{splitName}'; it must be \"train\" or \"test\"."),
        };

        bool hardNegative = false;
        if (value.TryGetProperty("hard_negative", out var hard))
        {
            if (hard.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            {
                throw Error($"document '{id}' has a \"hard_negative\" that is not true or false.");
            }

            hardNegative = hard.GetBoolean();
            if (hardNegative && themes.Count > 0)
            {
                throw Error($"document '{id}' is marked hard_negative but has themes.");
            }
        }

        return new CorpusDocument(id, text, themes, genre, split, hardNegative, OptionalString("region"), OptionalString("decade"), line.Number) { Writer = OptionalString("writer") };

        string RequiredString(string name)
        {
            if (!value.TryGetProperty(name, out var field) || field.ValueKind != JsonValueKind.String)
            {
                throw Error($"\"{name}\" is missing or not a string.");
            }

            string s = field.GetString()!;
            return name == "text" || s.Length > 0 ? s : throw Error($"\"{name}\" is empty.");
        }

        string? OptionalString(string name) =>
            value.TryGetProperty(name, out var field) && field.ValueKind == JsonValueKind.String ? field.GetString() : null;

        DataFormatException Error(string reason) => new(file, line.Number, reason);
    }
}
