using ArticleThemes.MLNet;
using ArticleThemes.Tests.TestSupport;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace ArticleThemes.Tests.MLNet;

public class ThemeClassifierTransformerTests
{
    private const string Prefix = "Themes.";
    private static readonly string[] Themes = [ThemeNames.Migration, ThemeNames.Militarization, ThemeNames.Trade];

    [Fact]
    public void Ten_thousand_rows_agree_exactly_with_Classify_row_by_row()
    {
        var ml = new MLContext(seed: 1);
        var rows = MLNetTestData.Rows(10_000);
        var data = ml.Data.LoadFromEnumerable(rows);

        var output = ml.Transforms.Text.ClassifyThemes(Prefix, "Text", TestData.Default).Fit(data).Transform(data);

        var read = ReadAll(output);
        Assert.Equal(rows.Length, read.Count);
        foreach (var row in rows)
        {
            AssertSame(TestData.Default.Classify(row.Text ?? string.Empty), read[row.Id], row.Id);
        }
    }

    [Fact]
    public void Parallel_cursors_give_the_same_values_as_Classify()
    {
        var ml = new MLContext(seed: 1);
        var rows = MLNetTestData.Rows(2_000);
        // A cached view splits into parallel cursors (a view over an enumerable gives one).
        var data = ml.Data.Cache(ml.Data.LoadFromEnumerable(rows));
        var output = ml.Transforms.Text.ClassifyThemes(Prefix, "Text", TestData.Default).Fit(data).Transform(data);

        var cursors = output.GetRowCursorSet(output.Schema, 2);
        Assert.Equal(2, cursors.Length);
        AssertParallelCursorsMatchClassify(cursors, rows);
    }

    [Fact]
    public void The_schema_adds_a_probability_and_a_decision_per_theme_and_the_present_themes()
    {
        var ml = new MLContext();
        var data = ml.Data.LoadFromEnumerable(MLNetTestData.Rows(3));
        var transformer = ml.Transforms.Text.ClassifyThemes(Prefix, "Text", TestData.Default).Fit(data);

        var schema = transformer.GetOutputSchema(data.Schema);

        string[] expected =
        [
            "Id", "Text",
            "Themes.migration.Probability", "Themes.militarization.Probability", "Themes.trade.Probability",
            "Themes.migration.IsPresent", "Themes.militarization.IsPresent", "Themes.trade.IsPresent",
            "Themes.Themes",
        ];
        Assert.Equal(expected, schema.Select(c => c.Name));
        Assert.All(schema.Skip(2).Take(3), c => Assert.Equal(NumberDataViewType.Single, c.Type));
        Assert.All(schema.Skip(5).Take(3), c => Assert.Equal(BooleanDataViewType.Instance, c.Type));
        var themes = Assert.IsType<VectorDataViewType>(schema["Themes.Themes"].Type);
        Assert.Equal(TextDataViewType.Instance, themes.ItemType);
        Assert.False(themes.IsKnownSize);
        Assert.Equal(Themes, transformer.Themes);
        Assert.Equal("Themes.trade.Probability", transformer.ProbabilityColumnName(ThemeNames.Trade));
        Assert.Equal("Themes.trade.IsPresent", transformer.IsPresentColumnName(ThemeNames.Trade));
        Assert.Equal("Themes.Themes", transformer.ThemesColumnName);
        Assert.Throws<ArgumentException>(() => transformer.ProbabilityColumnName("weather"));
        Assert.Equal(schema.Select(c => (c.Name, c.Type)), transformer.Transform(data).Schema.Select(c => (c.Name, c.Type)));
    }

    [Fact]
    public void The_estimator_shape_matches_the_transformer_schema()
    {
        var ml = new MLContext();
        var data = ml.Data.LoadFromEnumerable(MLNetTestData.Rows(3));
        var estimator = ml.Transforms.Text.ClassifyThemes(Prefix, "Text", TestData.Default);

        var shape = estimator.GetOutputSchema(ShapeOf<ArticleRow>(ml));

        var schema = estimator.Fit(data).GetOutputSchema(data.Schema);
        Assert.Equal(schema.Select(c => c.Name), shape.Select(c => c.Name));
        foreach (var column in schema.Skip(2))
        {
            var shaped = shape.Single(c => c.Name == column.Name);
            Assert.Equal(column.Type is VectorDataViewType vector ? vector.ItemType : column.Type, shaped.ItemType);
            Assert.Equal(column.Type is VectorDataViewType ? SchemaShape.Column.VectorKind.VariableVector : SchemaShape.Column.VectorKind.Scalar, shaped.Kind);
        }
    }

    [Fact]
    public void A_column_that_is_not_text_is_refused_with_a_clear_error()
    {
        var ml = new MLContext();
        var numbers = ml.Data.LoadFromEnumerable(new[] { new NumberRow { Text = 1 } });
        var texts = ml.Data.LoadFromEnumerable(MLNetTestData.Rows(3));
        var estimator = ml.Transforms.Text.ClassifyThemes(Prefix, "Text", TestData.Default);
        var transformer = estimator.Fit(texts);

        foreach (var error in new[]
        {
            Assert.Throws<ArgumentOutOfRangeException>(() => estimator.Fit(numbers)),
            Assert.Throws<ArgumentOutOfRangeException>(() => transformer.Transform(numbers)),
            Assert.Throws<ArgumentOutOfRangeException>(() => transformer.GetOutputSchema(numbers.Schema)),
            Assert.Throws<ArgumentOutOfRangeException>(() => estimator.GetOutputSchema(ShapeOf<NumberRow>(ml))),
        })
        {
            Assert.Contains("'Text'", error.Message, StringComparison.Ordinal);
            Assert.Contains("Single", error.Message, StringComparison.Ordinal);
            Assert.Contains("not String", error.Message, StringComparison.Ordinal);
        }

        var missing = Assert.Throws<ArgumentOutOfRangeException>(() => ml.Transforms.Text.ClassifyThemes(Prefix, "Body", TestData.Default).Fit(texts));
        Assert.Contains("no column of that name", missing.Message, StringComparison.Ordinal);
        Assert.Contains("'Id', 'Text'", missing.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_input_column_with_an_added_name_is_hidden_and_still_readable_by_index()
    {
        var ml = new MLContext();
        var data = ml.Data.LoadFromEnumerable(MLNetTestData.Rows(20));
        var clashing = ml.Transforms.CopyColumns("Themes.Themes", "Id").Fit(data).Transform(data);

        var output = ml.Transforms.Text.ClassifyThemes(Prefix, "Text", TestData.Default).Fit(clashing).Transform(clashing);

        var hidden = output.Schema[2];
        Assert.Equal("Themes.Themes", hidden.Name);
        Assert.True(hidden.IsHidden);
        Assert.IsType<VectorDataViewType>(output.Schema["Themes.Themes"].Type);
        using var cursor = output.GetRowCursor(output.Schema);
        var copiedId = cursor.GetGetter<ReadOnlyMemory<char>>(hidden);
        var id = cursor.GetGetter<ReadOnlyMemory<char>>(output.Schema["Id"]);
        ReadOnlyMemory<char> a = default, b = default;
        Assert.True(cursor.MoveNext());
        copiedId(ref a);
        id(ref b);
        Assert.Equal(b.ToString(), a.ToString());
        Assert.Throws<InvalidOperationException>(() => cursor.GetGetter<float>(output.Schema["Themes.Themes"]));
    }

    [Fact]
    public void Nothing_is_read_or_classified_until_a_cursor_reads_an_added_column()
    {
        var ml = new MLContext();
        var counter = new ReadCounter();
        var data = ml.Data.LoadFromEnumerable(MLNetTestData.Rows(1_000, counter));

        var transformer = ml.Transforms.Text.ClassifyThemes(Prefix, "Text", TestData.Default).Fit(data);
        var output = transformer.Transform(data);
        _ = output.Schema;
        Assert.Equal(0, counter.Count);

        // A cursor over the input's own columns reads no text.
        using (var cursor = output.GetRowCursor([output.Schema["Id"]]))
        {
            var id = cursor.GetGetter<ReadOnlyMemory<char>>(output.Schema["Id"]);
            ReadOnlyMemory<char> value = default;
            while (cursor.MoveNext())
            {
                id(ref value);
            }
        }

        Assert.Equal(0, counter.Count);

        // Five rows read, every added column of each: each text is read (and classified) once.
        var added = output.Schema.Skip(2).ToArray();
        using (var cursor = output.GetRowCursor(added))
        {
            var probability = cursor.GetGetter<float>(output.Schema["Themes.trade.Probability"]);
            var present = cursor.GetGetter<bool>(output.Schema["Themes.trade.IsPresent"]);
            var themes = cursor.GetGetter<VBuffer<ReadOnlyMemory<char>>>(output.Schema["Themes.Themes"]);
            float p = 0;
            bool b = false;
            VBuffer<ReadOnlyMemory<char>> t = default;
            for (int i = 0; i < 5 && cursor.MoveNext(); i++)
            {
                probability(ref p);
                present(ref b);
                themes(ref t);
                probability(ref p);
            }
        }

        Assert.Equal(5, counter.Count);
    }

    [Fact]
    public void Missing_empty_and_blank_texts_carry_no_theme_and_score_as_empty_text()
    {
        var ml = new MLContext();
        var rows = new[] { new ArticleRow("null", null), new ArticleRow("empty", string.Empty), new ArticleRow("blank", " \n ") };
        var data = ml.Data.LoadFromEnumerable(rows);

        var read = ReadAll(ml.Transforms.Text.ClassifyThemes(Prefix, "Text", TestData.Default).Fit(data).Transform(data));

        AssertSame(TestData.Default.Classify(string.Empty), read["null"], "null");
        AssertSame(TestData.Default.Classify(string.Empty), read["empty"], "empty");
        AssertSame(TestData.Default.Classify(" \n "), read["blank"], "blank");
        Assert.All(read.Values, v => Assert.Empty(v.Present));
    }

    [Fact]
    public void Saved_to_a_file_and_loaded_it_gives_identical_output()
    {
        var ml = new MLContext(seed: 1);
        var rows = MLNetTestData.Rows(1_000);
        var data = ml.Data.LoadFromEnumerable(rows);
        var transformer = ml.Transforms.Text.ClassifyThemes(Prefix, "Text").Fit(data);
        string path = TestData.TempPath(".zip");

        ml.Model.Save(transformer, data.Schema, path);
        var loaded = new MLContext().Model.Load(path, out var inputSchema);

        Assert.Equal(data.Schema.Select(c => c.Name), inputSchema.Select(c => c.Name));
        var expected = transformer.Transform(data);
        var actual = loaded.Transform(data);
        Assert.Equal(expected.Schema.Select(c => (c.Name, c.Type)), actual.Schema.Where(c => !c.IsHidden).Select(c => (c.Name, c.Type)));
        var before = ReadAll(expected);
        var after = ReadAll(actual);
        foreach (var row in rows)
        {
            AssertSame(before[row.Id], after[row.Id], row.Id);
            AssertSame(TestData.Default.Classify(row.Text ?? string.Empty), after[row.Id], row.Id);
        }
    }

    [Fact]
    public void Saved_to_a_stream_with_another_column_name_it_loads_and_predicts()
    {
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(MLNetTestData.Rows(50));
        var renamed = ml.Transforms.CopyColumns("Body", "Text").Fit(data).Transform(data);
        var pipeline = ml.Transforms.Text.ClassifyThemes(string.Empty, "Body");
        var transformer = pipeline.Fit(renamed);
        using var stream = new MemoryStream();

        ml.Model.Save(transformer, renamed.Schema, stream);
        stream.Position = 0;
        var loaded = new MLContext().Model.Load(stream, out _);

        var output = loaded.Transform(renamed);
        Assert.Contains(output.Schema, c => c.Name == "trade.Probability" && !c.IsHidden);
        Assert.Contains(output.Schema, c => c.Name == "Themes" && !c.IsHidden);
        Assert.DoesNotContain(output.Schema, c => c.Name.StartsWith("ArticleThemes.MLNet.", StringComparison.Ordinal) && !c.IsHidden);
        var text = "Two frigates escorted the grain freighters while the ministry doubled export duties on wheat.";
        var engine = ml.Model.CreatePredictionEngine<BodyRow, PrefixlessRow>(loaded);
        var prediction = engine.Predict(new BodyRow { Body = text });
        var expected = TestData.Default.Classify(text);
        Assert.Equal(expected.Probability(ThemeNames.Trade), prediction.Trade);
        Assert.Equal(expected.Themes, prediction.Themes);
    }

    [Fact]
    public void In_a_pipeline_the_probabilities_feed_later_steps_and_survive_save_and_load()
    {
        var ml = new MLContext(seed: 1);
        var rows = MLNetTestData.Rows(300);
        var data = ml.Data.LoadFromEnumerable(rows);
        var pipeline = ml.Transforms.Text.ClassifyThemes(Prefix, "Text")
            .Append(ml.Transforms.Concatenate("Features", [.. Themes.Select(t => Prefix + t + ".Probability")]));
        var model = pipeline.Fit(data);
        using var stream = new MemoryStream();

        ml.Model.Save(model, data.Schema, stream);
        stream.Position = 0;
        var loaded = new MLContext().Model.Load(stream, out _);

        var before = ml.Data.CreateEnumerable<FeaturesRow>(model.Transform(data), reuseRowObject: false).ToArray();
        var after = ml.Data.CreateEnumerable<FeaturesRow>(loaded.Transform(data), reuseRowObject: false).ToArray();
        Assert.Equal(rows.Length, after.Length);
        for (int i = 0; i < rows.Length; i++)
        {
            var expected = TestData.Default.Classify(rows[i].Text ?? string.Empty);
            Assert.Equal(Themes.Select(expected.Probability), before[i].Features);
            Assert.Equal(before[i].Features, after[i].Features);
        }
    }

    public sealed class FeaturesRow
    {
        [VectorType(3)]
        public float[] Features { get; set; } = [];
    }

    [Fact]
    public void A_prediction_engine_over_the_transformer_gives_each_input_its_own_values()
    {
        var ml = new MLContext();
        var data = ml.Data.LoadFromEnumerable(MLNetTestData.Rows(3));
        var transformer = ml.Transforms.Text.ClassifyThemes(string.Empty, "Body", TestData.Default)
            .Fit(ml.Transforms.CopyColumns("Body", "Text").Fit(data).Transform(data));
        var engine = ml.Model.CreatePredictionEngine<BodyRow, PrefixlessRow>(transformer);

        foreach (var text in new[] { "Tariffs on steel take effect on Monday.", "Refugees waited at the port.", string.Empty, "Tariffs on steel take effect on Monday." })
        {
            var prediction = engine.Predict(new BodyRow { Body = text });
            var expected = TestData.Default.Classify(text);
            Assert.Equal(expected.Probability(ThemeNames.Trade), prediction.Trade);
            Assert.Equal(expected.Probability(ThemeNames.Migration), prediction.Migration);
            Assert.Equal(expected.Themes, prediction.Themes);
        }
    }

    [Fact]
    public void A_saved_pipeline_holds_its_own_model_and_loads_it_back()
    {
        // A model other than the embedded one: the saved pipeline must give its values, not the default model's.
        var classifier = ThemeClassifier.Load(new MemoryStream(TestData.SmallModelBytes));
        var ml = new MLContext();
        var rows = MLNetTestData.Rows(500);
        var data = ml.Data.LoadFromEnumerable(rows);
        var transformer = ml.Transforms.Text.ClassifyThemes(Prefix, "Text", classifier).Fit(data);
        string path = TestData.TempPath(".zip");

        ml.Model.Save(transformer, data.Schema, path);
        var loaded = new MLContext().Model.Load(path, out _);

        var read = ReadAll(loaded.Transform(data));
        int differFromDefault = 0;
        foreach (var row in rows)
        {
            string text = row.Text ?? string.Empty;
            AssertSame(classifier.Classify(text), read[row.Id], row.Id);
            differFromDefault += TestData.Default.Classify(text).Probability(ThemeNames.Trade) != read[row.Id].Probabilities[2] ? 1 : 0;
        }

        Assert.True(differFromDefault > rows.Length / 2, $"only {differFromDefault} rows differ from the default model");
        Assert.True(new FileInfo(path).Length > TestData.SmallModelBytes.Length / 2, "the pipeline file is too small to hold the model");
    }

    [Fact]
    public void A_loaded_pipeline_runs_parallel_cursors()
    {
        var ml = new MLContext();
        var rows = MLNetTestData.Rows(1_000);
        var data = ml.Data.Cache(ml.Data.LoadFromEnumerable(rows));
        using var stream = new MemoryStream();
        ml.Model.Save(ml.Transforms.Text.ClassifyThemes(Prefix, "Text", TestData.Default).Fit(data), data.Schema, stream);
        stream.Position = 0;
        var output = new MLContext().Model.Load(stream, out _).Transform(data);

        AssertParallelCursorsMatchClassify(output.GetRowCursorSet(output.Schema, 2), rows);
    }

    /// <summary>Reads each cursor on its own thread; together they must hold every row, each as Classify gives it.</summary>
    private static void AssertParallelCursorsMatchClassify(DataViewRowCursor[] cursors, ArticleRow[] rows)
    {
        var parts = new Dictionary<string, Values>[cursors.Length];
        Parallel.For(0, cursors.Length, i =>
        {
            using var cursor = cursors[i];
            parts[i] = Read(cursor);
        });

        var read = parts.SelectMany(p => p).ToDictionary(p => p.Key, p => p.Value);
        Assert.Equal(rows.Length, read.Count);
        foreach (var row in rows)
        {
            AssertSame(TestData.Default.Classify(row.Text ?? string.Empty), read[row.Id], row.Id);
        }
    }

    [Fact]
    public void Arguments_are_checked()
    {
        var ml = new MLContext();
        Assert.Throws<ArgumentNullException>(() => ml.Transforms.Text.ClassifyThemes(null!, "Text", TestData.Default));
        Assert.Throws<ArgumentException>(() => ml.Transforms.Text.ClassifyThemes(Prefix, string.Empty, TestData.Default));
        Assert.Throws<ArgumentNullException>(() => ml.Transforms.Text.ClassifyThemes(Prefix, "Text", null!));
    }

    /// <summary>
    /// The shape of rows of type <typeparamref name="TRow"/>. SchemaShape.Create is internal; a custom mapping from
    /// nothing to <typeparamref name="TRow"/> gives that shape publicly.
    /// </summary>
    private static SchemaShape ShapeOf<TRow>(MLContext ml)
        where TRow : class, new() =>
        ml.Transforms.CustomMapping<NoColumns, TRow>((_, _) => { }, contractName: null).GetOutputSchema(new SchemaShape([]));

    public sealed class NoColumns
    {
    }

    public sealed class BodyRow
    {
        public string Body { get; set; } = string.Empty;
    }

    public sealed class PrefixlessRow
    {
        [ColumnName("migration.Probability")]
        public float Migration { get; set; }

        [ColumnName("trade.Probability")]
        public float Trade { get; set; }

        [ColumnName("Themes")]
        public string[] Themes { get; set; } = [];
    }

    private sealed record Values(float[] Probabilities, bool[] IsPresent, string[] Present);

    private static void AssertSame(ThemePrediction expected, Values actual, string id)
    {
        for (int t = 0; t < Themes.Length; t++)
        {
            Assert.True(BitConverter.SingleToInt32Bits(expected.Probability(Themes[t])) == BitConverter.SingleToInt32Bits(actual.Probabilities[t]), $"{id}: {Themes[t]} probability {actual.Probabilities[t]:R}, Classify gives {expected.Probability(Themes[t]):R}");
            Assert.True(expected.Contains(Themes[t]) == actual.IsPresent[t], $"{id}: {Themes[t]} decision differs");
        }

        Assert.Equal(expected.Themes, actual.Present);
    }

    private static void AssertSame(Values expected, Values actual, string id)
    {
        Assert.True(expected.Probabilities.Select(BitConverter.SingleToInt32Bits).SequenceEqual(actual.Probabilities.Select(BitConverter.SingleToInt32Bits)), $"{id}: probabilities differ");
        Assert.Equal(expected.IsPresent, actual.IsPresent);
        Assert.Equal(expected.Present, actual.Present);
    }

    private static Dictionary<string, Values> ReadAll(IDataView output)
    {
        using var cursor = output.GetRowCursor(output.Schema);
        return Read(cursor);
    }

    private static Dictionary<string, Values> Read(DataViewRowCursor cursor)
    {
        var schema = cursor.Schema;
        var id = cursor.GetGetter<ReadOnlyMemory<char>>(schema["Id"]);
        var probabilities = Themes.Select(t => cursor.GetGetter<float>(schema[Prefix + t + ".Probability"])).ToArray();
        var present = Themes.Select(t => cursor.GetGetter<bool>(schema[Prefix + t + ".IsPresent"])).ToArray();
        var themes = cursor.GetGetter<VBuffer<ReadOnlyMemory<char>>>(schema[Prefix + "Themes"]);
        var result = new Dictionary<string, Values>();
        ReadOnlyMemory<char> idValue = default;
        VBuffer<ReadOnlyMemory<char>> themesValue = default;
        while (cursor.MoveNext())
        {
            id(ref idValue);
            var p = new float[Themes.Length];
            var b = new bool[Themes.Length];
            for (int t = 0; t < Themes.Length; t++)
            {
                probabilities[t](ref p[t]);
                present[t](ref b[t]);
            }

            themes(ref themesValue);
            result.Add(idValue.ToString(), new Values(p, b, themesValue.DenseValues().Select(v => v.ToString()).ToArray()));
        }

        return result;
    }
}
