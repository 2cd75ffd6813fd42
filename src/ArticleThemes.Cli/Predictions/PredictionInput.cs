using System.Text.Json;
using ArticleThemes.Corpus;

namespace ArticleThemes.Cli.Predictions;

/// <summary>One input line of <c>predict --input</c>: <c>{"id": ..., "text": "..."}</c>; the id is kept as raw JSON to echo it as given.</summary>
internal readonly record struct PredictionInput(int Line, string RawId, string Text);

/// <summary>Reads and checks <c>predict --input</c> lines.</summary>
internal static class PredictionInputReader
{
    /// <summary>
    /// Yields each valid input. An invalid line throws <see cref="DataFormatException"/>, or, when
    /// <paramref name="onInvalid"/> is given, is reported to it and skipped.
    /// </summary>
    public static IEnumerable<PredictionInput> Read(Stream stream, string sourceName, Action<DataFormatException>? onInvalid)
    {
        bool any = false;
        foreach (var line in JsonLinesReader.Read(stream, sourceName))
        {
            any = true;
            PredictionInput input;
            try
            {
                input = Parse(line, sourceName);
            }
            catch (DataFormatException ex) when (onInvalid is not null)
            {
                onInvalid(ex);
                continue;
            }

            yield return input;
        }

        if (!any)
        {
            throw new DataFormatException(sourceName, 0, "the input is empty; give one JSON object {\"id\": ..., \"text\": \"...\"} per line.");
        }
    }

    private static PredictionInput Parse(JsonLine line, string sourceName)
    {
        var value = line.Checked;
        if (value.ValueKind != JsonValueKind.Object)
        {
            throw new DataFormatException(sourceName, line.Number, "the line is not a JSON object.");
        }

        if (!value.TryGetProperty("id", out var id))
        {
            throw new DataFormatException(sourceName, line.Number, "\"id\" is missing.");
        }

        if (!value.TryGetProperty("text", out var text))
        {
            throw new DataFormatException(sourceName, line.Number, "\"text\" is missing.");
        }

        if (text.ValueKind != JsonValueKind.String)
        {
            throw new DataFormatException(sourceName, line.Number, $"\"text\" must be a string, not {text.ValueKind.ToString().ToLowerInvariant()}.");
        }

        return new PredictionInput(line.Number, id.GetRawText(), text.GetString()!);
    }
}
