using System.Globalization;
using System.Text;
using ArticleThemes.Semantic;
using ArticleThemes.Tests.TestSupport;

namespace ArticleThemes.Tests.Semantic;

public sealed class AccentFoldingTests(SentenceEncoderFixture fixture) : IClassFixture<SentenceEncoderFixture>
{
    private SentenceEncoder Encoder => fixture.Encoder;

    public static TheoryData<string> Texts => new()
    {
        "Córdoba exporta café y maíz a São Paulo; la Unión Europea sube los aranceles.",
        "Les réfugiés à la frontière, l'armée française déployée près de Besançon.",
        "Việt Nam tăng thuế nhập khẩu thép.",
        "Η Ελλάδα και η Τουρκία: στρατιωτικές ασκήσεις στο Αιγαίο.",
        "Йошкар-Ола, ёлка и Україна: їжачок.",
        "한국 정부는 관세를 인상했다 — 난민 신청자",
        "Ångström, Øresund, ŁÓDŹ, Dvořák, Şişli, Ğ, ǅ and ﬁnancial ligatures.",
    };

    [Fact]
    public void The_tests_run_where_normalization_works()
    {
        // Everything below compares the table with ICU's answers, which an invariant test host could not give.
        Assert.True(AccentFolding.NormalizationWorks);
    }

    [Fact]
    public void The_table_is_what_canonical_decomposition_without_marks_gives()
    {
        var expected = new Dictionary<char, string>();
        for (int c = 0x80; c <= 0xFFFF; c++)
        {
            char ch = (char)c;
            if (char.IsSurrogate(ch) || c is >= 0xAC00 and <= 0xD7A3 || CharUnicodeInfo.GetUnicodeCategory(ch) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            string decomposed;
            try
            {
                decomposed = ch.ToString().Normalize(NormalizationForm.FormD);
            }
            catch (ArgumentException)
            {
                continue; // not a character Unicode assigns
            }

            string stripped = new(decomposed.Where(x => CharUnicodeInfo.GetUnicodeCategory(x) != UnicodeCategory.NonSpacingMark).ToArray());
            if (stripped != ch.ToString())
            {
                expected[ch] = stripped;
            }
        }

        Assert.Equal(expected.OrderBy(x => x.Key), AccentFolding.Table.OrderBy(x => x.Key));
    }

    [Fact]
    public void Hangul_syllables_fold_into_their_jamo_as_decomposition_gives()
    {
        for (int c = 0xAC00; c <= 0xD7A3; c++)
        {
            string syllable = ((char)c).ToString();
            Assert.Equal(syllable.Normalize(NormalizationForm.FormD), AccentFolding.Fold(syllable));
        }
    }

    [Theory]
    [MemberData(nameof(Texts))]
    public void Folded_text_tokenizes_as_normalization_would(string text)
    {
        Assert.Equal(Encoder.Tokenize(text, foldAccents: false), Encoder.Tokenize(text, foldAccents: true));
    }

    [Fact]
    public void Plain_ASCII_is_returned_as_it_is()
    {
        const string Text = "Tariffs rose; troops left.";
        Assert.Same(Text, AccentFolding.Fold(Text));
    }

    [Fact]
    public void A_process_with_invariant_globalization_gets_the_same_accurate_scores()
    {
        // End to end: the console in a process whose normalization does nothing must score as one where it works.
        const string Text = "Córdoba y São Paulo: el café, los aranceles y la Unión Europea.";
        string Scores(string? invariant)
        {
            using var process = CliRunner.Start(new Dictionary<string, string?> { ["DOTNET_SYSTEM_GLOBALIZATION_INVARIANT"] = invariant }, "predict", "--tier", "accurate", "--text", Text);
            string output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            Assert.Equal(0, process.ExitCode);
            return output;
        }

        Assert.Equal(Scores(null), Scores("1"));
    }
}
