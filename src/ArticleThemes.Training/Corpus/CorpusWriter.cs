using System.Text.Encodings.Web;
using System.Text.Json;

namespace ArticleThemes.Corpus;

/// <summary>Writes documents as corpus JSON Lines, one object per line, fields in a fixed order.</summary>
internal static class CorpusWriter
{
    private static readonly JsonWriterOptions s_options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static void Write(Stream destination, IEnumerable<CorpusDocument> documents)
    {
        foreach (var d in documents)
        {
            using (var writer = new Utf8JsonWriter(destination, s_options))
            {
                writer.WriteStartObject();
                writer.WriteString("id", d.Id);
                writer.WriteString("text", d.Text);
                writer.WriteStartArray("themes");
                foreach (var theme in d.Themes)
                {
                    writer.WriteStringValue(theme);
                }

                writer.WriteEndArray();
                writer.WriteString("genre", d.Genre);
                writer.WriteString("split", d.Split == CorpusSplit.Train ? "train" : "test");
                writer.WriteBoolean("hard_negative", d.HardNegative);
                if (d.Region is not null)
                {
                    writer.WriteString("region", d.Region);
                }

                if (d.Decade is not null)
                {
                    writer.WriteString("decade", d.Decade);
                }

                if (d.Writer is not null)
                {
                    writer.WriteString("writer", d.Writer);
                }

                writer.WriteEndObject();
            }

            destination.WriteByte((byte)'\n');
        }
    }
}
