using Microsoft.ML.Data;

namespace ArticleThemes.Tests.MLNet;

/// <summary>One input row: an id and a text; counts how often ML.NET reads the text.</summary>
public sealed class ArticleRow
{
    private readonly ReadCounter? _counter;
    private readonly string? _text;

    public ArticleRow()
    {
    }

    public ArticleRow(string id, string? text, ReadCounter? counter = null)
    {
        Id = id;
        _text = text;
        _counter = counter;
    }

    public string Id { get; set; } = string.Empty;

    public string? Text
    {
        get
        {
            _counter?.Increment();
            return _text;
        }

        // LoadFromEnumerable asks for a setter on every column; rows are only read here.
        set => throw new NotSupportedException("Test rows are read-only.");
    }
}

/// <summary>Counts reads from any thread.</summary>
public sealed class ReadCounter
{
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public void Increment() => Interlocked.Increment(ref _count);
}

/// <summary>A row with a number where the text should be.</summary>
public sealed class NumberRow
{
    public float Text { get; set; }
}

/// <summary>The added columns of the default model under the prefix "Themes.", read back into an object.</summary>
public sealed class ThemeColumnsRow
{
    public string Id { get; set; } = string.Empty;

    [ColumnName("Themes.migration.Probability")]
    public float Migration { get; set; }

    [ColumnName("Themes.militarization.Probability")]
    public float Militarization { get; set; }

    [ColumnName("Themes.trade.Probability")]
    public float Trade { get; set; }

    [ColumnName("Themes.migration.IsPresent")]
    public bool MigrationPresent { get; set; }

    [ColumnName("Themes.militarization.IsPresent")]
    public bool MilitarizationPresent { get; set; }

    [ColumnName("Themes.trade.IsPresent")]
    public bool TradePresent { get; set; }

    [ColumnName("Themes.Themes")]
    public string[] Present { get; set; } = [];
}

internal static class MLNetTestData
{
    // Sentences of every kind the classifier meets: each theme alone, two or three at once, none, words of a theme
    // in another sense, other languages, markup and noise.
    private static readonly string[] Sentences =
    [
        "Soldiers were sent to the border to stop migrants crossing the river.",
        "The ministry doubled export duties on wheat and cut the import quota for rice.",
        "Two frigates escorted the grain freighters through the strait.",
        "Asylum applications rose by a third as families fled the drought.",
        "The defence budget will fund new tanks, drones and an air base in the north.",
        "Tariffs on steel and aluminium take effect on Monday, the trade office said.",
        "The home side won the derby two goals to nil before a full stadium.",
        "Bake the bread for forty minutes, until the crust sounds hollow.",
        "Refugees waiting at the port were moved to a reception centre.",
        "The army held exercises near the frontier as talks on a customs union stalled.",
        "A shipment of soybeans was turned back at the border over a sanitary dispute.",
        "The council voted to repair the bridge and widen the cycle lane.",
        "Border guards and soldiers turned back boats carrying asylum seekers.",
        "The band's new album marches to a military beat, critics say.",
        "Migrating birds cross the strait each autumn on their way south.",
        "Exporters fear the new quotas will hit shipments to the single market.",
        "La frontera fue cerrada y los migrantes esperan en el puente.",
        "Die Regierung erhöht die Zölle auf Stahl aus Übersee.",
        "<p>Breaking: <b>troops</b> deployed to the capital</p>",
        "### 404 ### ??? !!! ...",
        "Parliament approved conscription for men aged eighteen to twenty-five.",
        "Remittances from workers abroad now exceed the country's coffee exports.",
        "The museum opens a wing on the history of the silk road caravans.",
        "Officials said the dispute at the World Trade Organization could take years.",
        "Smugglers charged each migrant two thousand dollars for a seat in the truck.",
        "Weather: light rain in the morning, sunny spells later.",
        "The navy seized a cargo ship suspected of breaking the arms embargo.",
        "Visa rules for seasonal farm workers will be eased next spring.",
        "Shares fell after the central bank left interest rates unchanged.",
        "A ceasefire held overnight, but artillery fire resumed at dawn.",
        "Grain prices climbed when the export ban was extended to barley.",
        "The school play tells the story of a boy who runs away to sea.",
    ];

    /// <summary>Rows with ids "r0", "r1", ...: one, two or three sentences joined, with empty and missing texts among them.</summary>
    public static ArticleRow[] Rows(int count, ReadCounter? counter = null)
    {
        var rows = new ArticleRow[count];
        for (int i = 0; i < count; i++)
        {
            string? text = (i % 97) switch
            {
                13 => null,
                14 => string.Empty,
                15 => "   ",
                _ => string.Join(' ', Enumerable.Range(0, 1 + (i % 3)).Select(k => Sentences[((i * 7) + (k * 11)) % Sentences.Length])),
            };
            rows[i] = new ArticleRow($"r{i}", text, counter);
        }

        return rows;
    }
}
