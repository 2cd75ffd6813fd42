using System.Buffers;
using System.Text;
using System.Text.Json;

namespace ArticleThemes.Corpus;

/// <summary>One non-blank line of a JSON Lines file, parsed.</summary>
internal readonly record struct JsonLine(int Number, JsonElement Value);

/// <summary>
/// Reads JSON Lines strictly: every line must be valid UTF-8 and one JSON value. Problems are reported with the
/// file and 1-based line number. Blank lines are skipped; a UTF-8 byte order mark and CR-LF endings are accepted.
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

            string text;
            try
            {
                text = s_strictUtf8.GetString(line);
            }
            catch (DecoderFallbackException)
            {
                throw new DataFormatException(sourceName, lineNumber, "the line is not valid UTF-8 text.");
            }

            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            JsonElement value;
            try
            {
                using var document = JsonDocument.Parse(text);
                value = document.RootElement.Clone();
            }
            catch (JsonException ex)
            {
                throw new DataFormatException(sourceName, lineNumber, $"malformed JSON ({FirstSentence(ex.Message)}).");
            }

            yield return new JsonLine(lineNumber, value);
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
