using System.IO.Compression;
using System.Text;
using ArticleThemes.Tests.TestSupport;
using Microsoft.ML;

namespace ArticleThemes.Tests.Model;

public class ModelArchiveTests
{
    [Fact]
    public void A_saved_model_loads_back_with_identical_predictions_and_info()
    {
        var trained = TestData.SmallModel;
        string path = TestData.TempPath(".zip");
        trained.Save(path, overwrite: false);

        var fromFile = ThemeClassifier.Load(path);
        using var stream = new MemoryStream(TestData.SmallModelBytes);
        var fromStream = ThemeClassifier.Load(stream);
        var inMemory = trained.ToClassifier();

        foreach (var document in TestData.Corpus.Test.Take(50))
        {
            string expected = inMemory.Classify(document.Text).ToString();
            Assert.Equal(expected, fromFile.Classify(document.Text).ToString());
            Assert.Equal(expected, fromStream.Classify(document.Text).ToString());
        }

        var info = fromFile.Info;
        Assert.Equal(trained.Info.Themes, info.Themes);
        Assert.Equal(trained.Info.Thresholds, info.Thresholds);
        Assert.Equal("sdca", info.Trainer);
        Assert.Equal("SdcaLogisticRegression", info.TrainerSettings["estimator"]);
        Assert.Equal(42, info.Seed);
        Assert.Equal(TestData.SmallCorpus().Fingerprint, info.CorpusFingerprint);
        Assert.StartsWith("5.", info.MLNetVersion, StringComparison.Ordinal);
        Assert.True(info.TrainingDuration > TimeSpan.Zero);
        Assert.NotNull(info.TestMetrics);
        Assert.Equal(TestData.SmallCorpus().Test.Count(), info.TestMetrics.Documents);
        Assert.Equal(17, info.Featurizer.HashBits);
    }

    [Fact]
    public void A_forward_only_stream_loads()
    {
        using var stream = new ForwardOnlyStream(TestData.SmallModelBytes);

        var classifier = ThemeClassifier.Load(stream);

        Assert.Equal(3, classifier.Themes.Count);
    }

    [Fact]
    public void A_missing_file_names_the_path()
    {
        string path = TestData.TempPath(".zip");

        var error = Assert.Throws<ThemeModelException>(() => ThemeClassifier.Load(path));

        Assert.Equal(path, error.ModelSource);
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("does not exist", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_file_is_reported_as_empty()
    {
        string path = TestData.TempPath(".zip");
        File.WriteAllBytes(path, []);

        var error = Assert.Throws<ThemeModelException>(() => ThemeClassifier.Load(path));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("empty", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(0.9)]
    [InlineData(0.1)]
    public void A_truncated_file_is_reported_as_truncated_or_corrupt(double keep)
    {
        string path = TestData.TempPath(".zip");
        var bytes = TestData.SmallModelBytes;
        File.WriteAllBytes(path, bytes[..(int)(bytes.Length * keep)]);

        var error = Assert.Throws<ThemeModelException>(() => ThemeClassifier.Load(path));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("truncated or corrupt", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Random_bytes_are_reported_as_corrupt()
    {
        var bytes = new byte[4096];
        new Random(7).NextBytes(bytes);
        using var stream = new MemoryStream(bytes);

        var error = Assert.Throws<ThemeModelException>(() => ThemeClassifier.Load(stream));

        Assert.Contains("model stream", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_zip_that_is_not_a_model_says_so()
    {
        using var stream = Zip(("notes.txt", "hello"u8.ToArray()));

        var error = Assert.Throws<ThemeModelException>(() => ThemeClassifier.Load(stream));

        Assert.Contains("not an ArticleThemes model", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_plain_MLNet_model_is_recognised_and_refused()
    {
        var ml = new MLContext(1);
        var data = ml.Data.LoadFromEnumerable(new[] { new TextRow { Text = "a b c" }, new TextRow { Text = "d e" } });
        var model = ml.Transforms.Text.FeaturizeText("Features", nameof(TextRow.Text)).Fit(data);
        using var stream = new MemoryStream();
        ml.Model.Save(model, data.Schema, stream);
        stream.Position = 0;

        var error = Assert.Throws<ThemeModelException>(() => ThemeClassifier.Load(stream));

        Assert.Contains("plain ML.NET model", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_model_from_a_newer_format_asks_for_an_update()
    {
        using var stream = Rewrite(TestData.SmallModelBytes, "manifest.json", json => System.Text.RegularExpressions.Regex.Replace(json, "\"formatVersion\": [0-9]+", "\"formatVersion\": 99"));

        var error = Assert.Throws<ThemeModelException>(() => ThemeClassifier.Load(stream));

        Assert.Contains("format version 99", error.Message, StringComparison.Ordinal);
        Assert.Contains("Update the ArticleThemes package", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_manifest_with_another_input_schema_is_refused()
    {
        // The heads were trained on 2^17 slots; a manifest claiming another featurizer must not load them.
        using var stream = Rewrite(TestData.SmallModelBytes, "manifest.json", json => json.Replace("\"hashBits\": 17", "\"hashBits\": 16", StringComparison.Ordinal));

        var error = Assert.Throws<ThemeModelException>(() => ThemeClassifier.Load(stream));

        Assert.Contains("feature slots", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Broken_manifest_json_is_reported_as_corrupt()
    {
        using var stream = Rewrite(TestData.SmallModelBytes, "manifest.json", json => json[..(json.Length / 2)]);

        var error = Assert.Throws<ThemeModelException>(() => ThemeClassifier.Load(stream));

        Assert.Contains("truncated or corrupt", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_corrupt_scorer_is_refused()
    {
        using var stream = RewriteBytes(TestData.SmallModelBytes, "scorer.bin", bytes => bytes[..100]);

        var error = Assert.Throws<ThemeModelException>(() => ThemeClassifier.Load(stream));

        Assert.Contains("model stream", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void A_flipped_byte_in_any_serving_entry_is_refused_by_its_checksum(int seed)
    {
        // Flips that keep the entry readable are the dangerous ones: they used to load as a different model.
        var random = new Random(seed);
        string entry = seed % 2 == 0 ? "scorer.bin" : "lexicon.tsv";
        using var stream = RewriteBytes(TestData.SmallModelBytes, entry, bytes =>
        {
            var copy = bytes.ToArray();
            int at = random.Next(copy.Length);
            copy[at] ^= (byte)(1 << random.Next(8));
            return copy;
        });

        var error = Assert.Throws<ThemeModelException>(() => ThemeClassifier.Load(stream));

        Assert.Contains(entry, error.Message, StringComparison.Ordinal);
        Assert.Contains("checksum", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"featurizer\": {", "\"featurizer\": null, \"x\": {", "no featurizer")]
    [InlineData("\"themes\": [", "\"themes\": null, \"x\": [", "themes")]
    [InlineData("\"themes\": [", "\"themes\": [null, ", "null")]
    [InlineData("\"trainingSeconds\": ", "\"trainingSeconds\": 1e300, \"x\": ", "trainingSeconds")]
    [InlineData("\"trainer\": \"sdca\"", "\"trainer\": null", "null")]
    [InlineData("\"priorWeight\": 1.5", "\"priorWeight\": -1", "prior weight")]
    [InlineData("\"formatVersion\": 5", "\"formatVersion\": 3", "prior weight")]
    public void A_manifest_with_null_or_absurd_fields_is_refused_with_the_reason(string find, string replace, string reason)
    {
        using var stream = Rewrite(TestData.SmallModelBytes, "manifest.json", json =>
        {
            Assert.Contains(find, json, StringComparison.Ordinal);
            return ReplaceFirst(json, find, replace);
        });

        var error = Assert.Throws<ThemeModelException>(() => ThemeClassifier.Load(stream));

        Assert.Contains("manifest.json is invalid", error.Message, StringComparison.Ordinal);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_test_metrics_theme_that_is_null_is_refused()
    {
        using var stream = Rewrite(TestData.SmallModelBytes, "manifest.json", json =>
        {
            int metrics = json.IndexOf("\"testMetrics\"", StringComparison.Ordinal);
            int themes = json.IndexOf("\"themes\": [", metrics, StringComparison.Ordinal);
            return json[..themes] + "\"themes\": [null, " + json[(themes + "\"themes\": [".Length)..];
        });

        var error = Assert.Throws<ThemeModelException>(() => ThemeClassifier.Load(stream));

        Assert.Contains("testMetrics lists a null theme", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_duplicate_theme_is_named_as_such()
    {
        using var stream = Rewrite(TestData.SmallModelBytes, "manifest.json", json => json.Replace("\"name\": \"trade\"", "\"name\": \"migration\"", StringComparison.Ordinal));

        var error = Assert.Throws<ThemeModelException>(() => ThemeClassifier.Load(stream));

        Assert.Contains("'migration' is listed twice", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("truncated", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_model_with_word_vectors_loads_with_its_word_table_and_scores_as_trained()
    {
        var trained = TestData.SmallModel;
        Assert.NotNull(trained.WordScores);
        var classifier = ThemeClassifier.Load(new MemoryStream(TestData.SmallModelBytes));
        var scorer = new ArticleThemes.Scoring.CompiledScorer(trained.Featurizer, [.. trained.Heads], trained.WordScores);
        Assert.Contains("wordVectors", classifier.Info.TrainerSettings.Keys);

        var expected = new float[trained.Heads.Count];
        foreach (var document in TestData.Corpus.Test.Take(50))
        {
            scorer.Score(document.Text, expected);
            Assert.Equal(expected, classifier.Classify(document.Text).Scores.Select(s => s.Probability));
        }
    }

    [Fact]
    public void A_word_table_the_manifest_does_not_list_is_refused()
    {
        using var stream = Rewrite(TestData.SmallModelBytes, "manifest.json", json => json.Replace("\"wordVectors\":", "\"unknownVectors\":", StringComparison.Ordinal));

        var error = Assert.Throws<ThemeModelException>(() => ThemeClassifier.Load(stream));

        Assert.Contains("word table but the manifest lists no word vectors", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Word_vectors_without_a_word_table_are_refused()
    {
        var trained = TestData.SmallModel;
        using var saved = new MemoryStream(TestData.SmallModelBytes);
        var manifest = ArticleThemes.Model.ModelArchive.ReadAnyTier(saved, "saved").Manifest;
        using var stream = new MemoryStream();
        ArticleThemes.Model.ModelWriter.Write(stream, manifest, trained.MLNetHeads, null, trained.Featurizer, trained.InputSize, trained.Heads);
        stream.Position = 0;

        var error = Assert.Throws<ThemeModelException>(() => ThemeClassifier.Load(stream));

        Assert.Contains("lists word vectors but scorer.bin has no word table", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Non_finite_weights_are_refused_at_load()
    {
        var trained = TestData.SmallModel;
        var heads = trained.Heads.Select(h => h.Linear is { } linear
            ? h with { Linear = linear with { Weights = linear.Weights.Select((w, i) => i == 5 ? float.NaN : w).ToArray() } }
            : h).ToArray();
        using var saved = new MemoryStream();
        trained.Save(saved);
        saved.Position = 0;
        var manifest = ArticleThemes.Model.ModelArchive.ReadAnyTier(saved, "saved").Manifest;
        using var stream = new MemoryStream();
        ArticleThemes.Model.ModelWriter.Write(stream, manifest, trained.MLNetHeads, null, trained.Featurizer, trained.InputSize, heads, trained.WordScores);
        stream.Position = 0;

        var error = Assert.Throws<ThemeModelException>(() => ThemeClassifier.Load(stream));

        Assert.Contains("not a finite number", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_oversized_manifest_is_refused_without_reading_it_all()
    {
        var huge = new byte[ArticleThemes.Model.ModelArchive.MaxManifestBytes + 10];
        huge.AsSpan().Fill((byte)' ');
        using var stream = RewriteBytes(TestData.SmallModelBytes, "manifest.json", _ => huge);

        var error = Assert.Throws<ThemeModelException>(() => ThemeClassifier.Load(stream));

        Assert.Contains("manifest.json", error.Message, StringComparison.Ordinal);
        Assert.Contains("bytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_default_model_is_embedded_under_its_stable_name()
    {
        using var stream = typeof(ThemeClassifier).Assembly.GetManifestResourceStream(ThemeClassifier.DefaultModelResourceName);

        Assert.NotNull(stream);
        Assert.True(stream.Length > 1000);
    }

    private static MemoryStream Zip(params (string Name, byte[] Content)[] entries)
    {
        var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in entries)
            {
                using var entry = zip.CreateEntry(name).Open();
                entry.Write(content);
            }
        }

        stream.Position = 0;
        return stream;
    }

    private static MemoryStream Rewrite(byte[] model, string entryName, Func<string, string> change) =>
        RewriteBytes(model, entryName, bytes => Encoding.UTF8.GetBytes(change(Encoding.UTF8.GetString(bytes))));

    private static MemoryStream RewriteBytes(byte[] model, string entryName, Func<byte[], byte[]> change)
    {
        var entries = new List<(string, byte[])>();
        using (var zip = new ZipArchive(new MemoryStream(model), ZipArchiveMode.Read))
        {
            foreach (var entry in zip.Entries)
            {
                using var source = entry.Open();
                using var buffer = new MemoryStream();
                source.CopyTo(buffer);
                var bytes = buffer.ToArray();
                entries.Add((entry.FullName, entry.FullName == entryName ? change(bytes) : bytes));
            }
        }

        return Zip([.. entries]);
    }

    private static string ReplaceFirst(string text, string find, string replace)
    {
        int at = text.IndexOf(find, StringComparison.Ordinal);
        return text[..at] + replace + text[(at + find.Length)..];
    }

    private sealed class TextRow
    {
        public string Text { get; set; } = string.Empty;
    }

    private sealed class ForwardOnlyStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
