using System.Text;
using ArticleThemes.Corpus;

namespace ArticleThemes.Tests.Corpus;

public class CorpusReaderTests
{
    private const string Valid = """{"id":"a","text":"Troops massed at the border.","themes":["militarization"],"genre":"brief","split":"train"}""";

    [Fact]
    public void A_valid_corpus_reads_every_field()
    {
        var corpus = Read(Valid + "\n" + """{"id":"b","text":"Cranes fly south.","themes":[],"genre":"headline","split":"test","hard_negative":true,"region":"europe","decade":"1990s"}""");

        Assert.Equal(2, corpus.Documents.Count);
        var b = corpus.Documents[1];
        Assert.Equal("b", b.Id);
        Assert.Empty(b.Themes);
        Assert.Equal(CorpusSplit.Test, b.Split);
        Assert.True(b.HardNegative);
        Assert.Equal("europe", b.Region);
        Assert.Equal(2, b.Line);
        Assert.Equal(["militarization"], corpus.Themes);
    }

    [Theory]
    [InlineData("""{"text":"x","themes":[],"genre":"brief","split":"train"}""", "\"id\" is missing")]
    [InlineData("""{"id":"a","text":"   ","themes":[],"genre":"brief","split":"train"}""", "empty text")]
    [InlineData("""{"id":"a","text":"x","genre":"brief","split":"train"}""", "\"themes\"")]
    [InlineData("""{"id":"a","text":"x","themes":"trade","genre":"brief","split":"train"}""", "\"themes\"")]
    [InlineData("""{"id":"a","text":"x","themes":[1],"genre":"brief","split":"train"}""", "not a non-empty string")]
    [InlineData("""{"id":"a","text":"x","themes":["trade","trade"],"genre":"brief","split":"train"}""", "twice")]
    [InlineData("""{"id":"a","text":"x","themes":[],"genre":"brief","split":"dev"}""", "split 'dev'")]
    [InlineData("""{"id":"a","text":"x","themes":[],"split":"train"}""", "\"genre\" is missing")]
    [InlineData("""{"id":"a","text":"x","themes":["trade"],"genre":"brief","split":"train","hard_negative":true}""", "hard_negative but has themes")]
    [InlineData("""[1,2,3]""", "not a JSON object")]
    [InlineData("""{"id":"a","text":"x",""", "malformed JSON")]
    public void Schema_problems_name_the_file_line_and_reason(string badLine, string reason)
    {
        var error = Assert.Throws<DataFormatException>(() => Read(Valid + "\n\n" + badLine));

        Assert.Equal(3, error.Line);
        Assert.StartsWith("corpus.jsonl:3: ", error.Message, StringComparison.Ordinal);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_labels_are_refused_when_the_labels_are_given()
    {
        var error = Assert.Throws<DataFormatException>(() => Read(Valid.Replace("militarization", "sport", StringComparison.Ordinal), [ThemeNames.Migration, ThemeNames.Militarization, ThemeNames.Trade]));

        Assert.Contains("unknown theme 'sport'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Duplicate_ids_name_both_lines()
    {
        var error = Assert.Throws<DataFormatException>(() => Read(Valid + "\n" + Valid));

        Assert.Equal(2, error.Line);
        Assert.Contains("duplicate id 'a' (first on line 1)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_UTF8_is_reported_on_its_line()
    {
        var bytes = Encoding.UTF8.GetBytes(Valid + "\n").Concat(new byte[] { 0x7B, 0xC3, 0x28, 0x7D, 0x0A }).ToArray();

        var error = Assert.Throws<DataFormatException>(() => CorpusReader.Read(new MemoryStream(bytes), "corpus.jsonl"));

        Assert.Equal(2, error.Line);
        Assert.Contains("not valid UTF-8", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_corpus_is_refused()
    {
        var error = Assert.Throws<DataFormatException>(() => Read("\n\n"));

        Assert.Contains("no documents", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_byte_order_mark_and_CRLF_endings_are_accepted()
    {
        var corpus = Read("\uFEFF" + Valid + "\r\n" + Valid.Replace("\"a\"", "\"b\"", StringComparison.Ordinal) + "\r\n");

        Assert.Equal(["a", "b"], corpus.Documents.Select(d => d.Id));
    }

    [Fact]
    public void The_fingerprint_follows_content_not_formatting()
    {
        var compact = Read(Valid);
        var spaced = Read(Valid.Replace(",", " , ", StringComparison.Ordinal));
        var relabelled = Read(Valid.Replace("militarization", "trade", StringComparison.Ordinal));

        Assert.Equal(compact.Fingerprint, spaced.Fingerprint);
        Assert.NotEqual(compact.Fingerprint, relabelled.Fingerprint);
    }

    private static LabeledCorpus Read(string text, IReadOnlyCollection<string>? allowed = null) =>
        CorpusReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(text)), "corpus.jsonl", allowed);
}
