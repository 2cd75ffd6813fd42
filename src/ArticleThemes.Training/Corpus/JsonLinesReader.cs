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
        foreach (var bytes in ReadLines(stream))
        {
            lineNumber++;
            if (bytes is null)
            {
                yield return new JsonLine(lineNumber, default, new DataFormatException(sourceName, lineNumber, $"the line is longer than {MaxLineBytes / (1024 * 1024)} MiB."));
                continue;
            }

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

    // Two values for one key would leave the reader to pick one silently: refuse the line as ambiguous.
    private static readonly JsonDocumentOptions s_documentOptions = new() { AllowDuplicateProperties = false };

    private static JsonLine Parse(string text, string sourceName, int lineNumber)
    {
        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(text, s_documentOptions);
            root = document.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            string reason = ex.Message.Contains("uplicate", StringComparison.Ordinal)
                ? $"a key appears twice in one object, so its value is ambiguous ({FirstSentence(ex.Message)})."
                : $"malformed JSON ({FirstSentence(ex.Message)}).";
            return new JsonLine(lineNumber, default, new DataFormatException(sourceName, lineNumber, reason));
        }

        // "\udc00" is legal JSON but no text: a lone surrogate cannot become a .NET string without loss. Only lines
        // with a \u escape can hold one, so only those are walked.
        if (text.Contains("\\u", StringComparison.Ordinal) && HasLoneSurrogate(root))
        {
            return new JsonLine(lineNumber, default, new DataFormatException(sourceName, lineNumber, "a string holds an escaped lone surrogate (such as \\udc00), which is not text; fix the producer of the file or drop the line."));
        }

        return new JsonLine(lineNumber, root, null);
    }

    private static bool HasLoneSurrogate(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                try
                {
                    _ = element.GetString();
                    return false;
                }
                catch (InvalidOperationException)
                {
                    return true;
                }

            case JsonValueKind.Array:
                return element.EnumerateArray().Any(HasLoneSurrogate);
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    if (HasLoneSurrogate(property.Value))
                    {
                        return true;
                    }

                    try
                    {
                        _ = property.Name;
                    }
                    catch (InvalidOperationException)
                    {
                        return true;
                    }
                }

                return false;
            default:
                return false;
        }
    }

    /// <summary>The lines' bytes; null for a line longer than <see cref="MaxLineBytes"/>, whose bytes are dropped as they come.</summary>
    private static IEnumerable<byte[]?> ReadLines(Stream stream)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        var line = new MemoryStream();
        bool tooLong = false;
        try
        {
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

                    if (!tooLong)
                    {
                        line.Write(buffer, start, i - start);
                        tooLong = line.Length > MaxLineBytes;
                    }

                    yield return tooLong ? null : line.ToArray();
                    line.SetLength(0);
                    tooLong = false;
                    start = i + 1;
                }

                if (!tooLong)
                {
                    line.Write(buffer, start, read - start);
                    if (line.Length > MaxLineBytes)
                    {
                        tooLong = true;
                        line.SetLength(0);
                    }
                }
            }

            if (tooLong)
            {
                yield return null;
            }
            else if (line.Length > 0)
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
