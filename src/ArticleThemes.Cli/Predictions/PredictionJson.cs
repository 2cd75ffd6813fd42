using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace ArticleThemes.Cli.Predictions;

/// <summary>
/// Formats one output line of <c>predict --input</c>, the contract scripts depend on:
/// <c>{"id": &lt;as given&gt;, "themes": [present themes, most probable first], "scores": {theme: probability rounded to 4 places}}</c>.
/// </summary>
internal static class PredictionJson
{
    private static readonly JsonWriterOptions s_options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, Indented = false };

    public static string Format(string rawId, ThemePrediction prediction)
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
            writer.WriteStartObject("scores");
            foreach (var score in prediction.Scores)
            {
                writer.WriteNumber(score.Theme, Math.Round((double)score.Probability, 4));
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}
