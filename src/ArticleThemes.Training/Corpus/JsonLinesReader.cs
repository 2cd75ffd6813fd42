using System.Buffers;
using System.Text;
using System.Text.Json;

namespace ArticleThemes.Corpus;

/// <summary>One non-blank line of a JSON Lines file: its parsed value, or why it could not be parsed.</summary>
internal readonly record struct JsonLine(int Number, JsonElement Value, DataFormatException? Error)
{
    /// <summary>The value; throws the line's error when it has one.</summary>
    public JsonElement Checked => Error is null ? Value : throw Error;
}

/// <summary>
/// Reads JSON Lines strictly: every line must be valid UTF-8 and one JSON value. A line that is not comes back
/// with its error (file, 1-based line number, reason), so a caller may stop or skip it and go on. Blank lines are
/// skipped; a UTF-8 byte order mark and CR-LF endings are accepted.
/// Lines are streamed, so a file of any length is read in constant memory (per line).
/// </summary>
internal static class JsonLinesReader
{
    /// <summary>A longer line is refused rather than buffered without bound.</summary>
    public const int MaxLineBytes = 64 * 1024 * 1024;

    private static readonly UTF8Encoding s_strictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static IEnumerable<JsonLine> Read(Stream stream, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(stream);
        int lineNumber = 0;
        foreach (var bytes in ReadLines(stream, sourceName))
        {
            lineNumber++;
            var line = bytes.AsSpan(0, bytes.Length);
            if (lineNumber == 1 && line.StartsWith("\uFEFF"u8))
            {
                line = line[3..];
            }

            if (line.Length > 0 && line[^1] == (byte)'\r')
            {
                line = line[..^1];
            }

            string? text;
            try
            {
                text = s_strictUtf8.GetString(line);
            }
            catch (DecoderFallbackException)
            {
                text = null;
            }

            if (text is null)
            {
                yield return new JsonLine(lineNumber, default, new DataFormatException(sourceName, lineNumber, "the line is not valid UTF-8 text."));
                continue;
            }

            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            yield return Parse(text, sourceName, lineNumber);
        }
    }

    private static JsonLine Parse(string text, string sourceName, int lineNumber)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            return new JsonLine(lineNumber, document.RootElement.Clone(), null);
        }
        catch (JsonException ex)
        {
            return new JsonLine(lineNumber, default, new DataFormatException(sourceName, lineNumber, $"malformed JSON ({FirstSentence(ex.Message)})."));
        }
    }

    private static IEnumerable<byte[]> ReadLines(Stream stream, string sourceName)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        var line = new MemoryStream();
        try
        {
            int lineNumber = 1;
            int read;
            while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
            {
                int start = 0;
                for (int i = 0; i < read; i++)
                {
                    if (buffer[i] != (byte)'\n')
                    {
                        continue;
                    }

                    line.Write(buffer, start, i - start);
                    yield return line.ToArray();
                    line.SetLength(0);
                    lineNumber++;
                    start = i + 1;
                }

                line.Write(buffer, start, read - start);
                if (line.Length > MaxLineBytes)
                {
                    throw new DataFormatException(sourceName, lineNumber, $"the line is longer than {MaxLineBytes / (1024 * 1024)} MiB.");
                }
            }

            if (line.Length > 0)
            {
                yield return line.ToArray();
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static string FirstSentence(string message)
    {
        int end = message.IndexOf(". ", StringComparison.Ordinal);
        return (end < 0 ? message : message[..end]).TrimEnd('.');
    }
}
