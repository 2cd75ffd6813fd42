using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using ArticleThemes.Explanation;

namespace ArticleThemes.Cli.Predictions;

/// <summary>
/// Formats one output line of <c>predict --input</c>, the contract scripts depend on:
/// <c>{"id": &lt;as given&gt;, "themes": [present themes, most probable first], "scores": {theme: probability rounded to 4 places}}</c>.
/// </summary>
internal static class PredictionJson
{
    private static readonly JsonWriterOptions s_options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, Indented = false };

    public static string Format(string rawId, ThemePrediction prediction) => Format(rawId, prediction, null, null);

    /// <summary>
    /// The line, with <c>"evidence"</c> (per theme, its listed spans: text, start, length and weight, the contribution
    /// rounded to four places) when <paramref name="explanation"/> is given, and <c>"passages"</c> (start, length,
    /// themes and scores of each) when <paramref name="passages"/> is; without them, the plain contract line.
    /// </summary>
    public static string Format(string rawId, ThemePrediction prediction, TextExplanation? explanation, IReadOnlyList<PassagePrediction>? passages)
    {
        var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, s_options))
        {
            writer.WriteStartObject();
            writer.WritePropertyName("id");
            writer.WriteRawValue(rawId, skipInputValidation: false);
            writer.WriteStartArray("themes");
            foreach (var theme in prediction.Themes)
            {
                writer.WriteStringValue(theme);
            }

            writer.WriteEndArray();
            WriteScores(writer, prediction);
            if (explanation is not null)
            {
                writer.WriteStartObject("evidence");
                foreach (var theme in explanation.Themes)
                {
                    writer.WriteStartArray(theme.Theme);
                    foreach (var e in theme.Evidence)
                    {
                        writer.WriteStartObject();
                        writer.WriteString("text", e.Text);
                        writer.WriteNumber("start", e.Start);
                        writer.WriteNumber("length", e.Length);
                        writer.WriteNumber("weight", Math.Round(e.Contribution, 4));
                        writer.WriteEndObject();
                    }

                    writer.WriteEndArray();
                }

                writer.WriteEndObject();
            }

            if (passages is not null)
            {
                writer.WriteStartArray("passages");
                foreach (var passage in passages)
                {
                    writer.WriteStartObject();
                    writer.WriteNumber("start", passage.Start);
                    writer.WriteNumber("length", passage.Length);
                    writer.WriteStartArray("themes");
                    foreach (var theme in passage.Prediction.Themes)
                    {
                        writer.WriteStringValue(theme);
                    }

                    writer.WriteEndArray();
                    WriteScores(writer, passage.Prediction);
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static void WriteScores(Utf8JsonWriter writer, ThemePrediction prediction)
    {
        writer.WriteStartObject("scores");
        foreach (var score in prediction.Scores)
        {
            writer.WriteNumber(score.Theme, Math.Round((double)score.Probability, 4));
        }

        writer.WriteEndObject();
    }
}
