using System.Globalization;
using Spectre.Console;

namespace ArticleThemes.Cli.Terminal;

/// <summary>Tables for a person at a terminal (Spectre.Console); redirected output keeps its plain text instead.</summary>
internal static class TerminalTables
{
    /// <summary>A Spectre console that writes to <paramref name="writer"/>: ANSI on, colour unless <paramref name="color"/> is false.</summary>
    public static IAnsiConsole Create(TextWriter writer, bool color) => AnsiConsole.Create(new AnsiConsoleSettings
    {
        Ansi = AnsiSupport.Yes,
        ColorSystem = color ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
        Interactive = InteractionSupport.Yes,
        Out = new AnsiConsoleOutput(writer),
    });

    /// <summary><c>predict --text</c>: each theme's probability, threshold and decision, then the present themes.</summary>
    public static void WritePrediction(IAnsiConsole console, ThemePrediction prediction)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(prediction);
        var c = CultureInfo.InvariantCulture;
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn("Theme")
            .AddColumn(new TableColumn("Probability").RightAligned())
            .AddColumn(new TableColumn("Threshold").RightAligned())
            .AddColumn("Decision");
        foreach (var score in prediction.Scores)
        {
            table.AddRow(
                new Text(score.Theme),
                new Text(score.Probability.ToString("0.000", c)),
                new Text(score.Threshold.ToString("0.000", c)),
                score.IsPresent ? new Text("present", new Style(Color.Green, decoration: Decoration.Bold)) : new Text("absent", new Style(Color.Grey)));
        }

        console.Write(table);
        console.Write(new Text((prediction.IsEmpty ? "Themes: (none)" : $"Themes: {string.Join(", ", prediction.Themes)}") + "\n"));
    }

    /// <summary>
    /// A Markdown table (a header row, an alignment row, then rows, as <c>EvaluationMarkdown.Summary</c> writes them)
    /// drawn as a terminal table under <paramref name="title"/>; text around the table is left out. The numbers are the
    /// report's own, so the terminal never shows a value the report does not.
    /// </summary>
    public static void WriteMarkdownTable(IAnsiConsole console, string title, string markdown)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(markdown);
        var rows = markdown.Split('\n')
            .Select(l => l.Trim())
            .Where(l => l.StartsWith('|') && l.EndsWith('|') && l.Length > 1)
            .Select(l => l[1..^1].Split('|').Select(cell => cell.Trim()).ToArray())
            .ToList();
        if (rows.Count < 2)
        {
            return;
        }

        bool[] right = rows[1].Select(a => a.EndsWith(':')).ToArray();
        // No outer border and one space of padding: eight columns of numbers fit a terminal of 80 columns.
        var table = new Table().Border(TableBorder.Minimal).Title(Markup.Escape(title));
        for (int i = 0; i < rows[0].Length; i++)
        {
            var column = new TableColumn(Markup.Escape(Plain(rows[0][i]))).PadLeft(1).PadRight(0);
            if (i == 0)
            {
                // The row names stay whole on a narrow terminal; the numbers' headers wrap instead.
                column.NoWrap();
            }

            table.AddColumn(i < right.Length && right[i] ? column.RightAligned() : column);
        }

        foreach (var row in rows.Skip(2))
        {
            table.AddRow(row.Select(cell => cell.StartsWith("**", StringComparison.Ordinal)
                ? new Text(Plain(cell), new Style(decoration: Decoration.Bold))
                : new Text(Plain(cell))).Take(rows[0].Length).ToArray());
        }

        console.Write(table);
    }

    private static string Plain(string cell) => cell.Replace("**", string.Empty, StringComparison.Ordinal).Replace("`", string.Empty, StringComparison.Ordinal);
}
