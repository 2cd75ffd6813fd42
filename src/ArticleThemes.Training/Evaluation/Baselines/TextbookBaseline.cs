using ArticleThemes.Corpus;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace ArticleThemes.Evaluation.Baselines;

/// <summary>
/// The textbook ML.NET pipeline: FeaturizeText with its defaults and SdcaMaximumEntropy, multiclass over a single
/// label per document (its first theme, or "none"), trained on the same training split. It can only ever predict
/// one theme, which is what a multi-label model is for.
/// </summary>
internal sealed class TextbookBaseline(int seed) : IBaseline
{
    private const string NoTheme = "none";

    public string Name => "textbook ML.NET";

    public string Description => "FeaturizeText defaults + SdcaMaximumEntropy, multiclass with a single top label (first theme or none).";

    public PredictorResult Run(LabeledCorpus corpus, IReadOnlyList<CorpusDocument> evaluated, IReadOnlyList<string> themes)
    {
        var ml = new MLContext(seed);
        var train = ml.Data.LoadFromEnumerable(corpus.Train.Select(d => new Input { Text = d.Text, Label = d.Themes.Count == 0 ? NoTheme : d.Themes[0] }).ToArray());
        var pipeline = ml.Transforms.Conversion.MapValueToKey("Label")
            .Append(ml.Transforms.Text.FeaturizeText("Features", nameof(Input.Text)))
            .Append(ml.MulticlassClassification.Trainers.SdcaMaximumEntropy(new Microsoft.ML.Trainers.SdcaMaximumEntropyMulticlassTrainer.Options { NumberOfThreads = 1 }))
            .Append(ml.Transforms.Conversion.MapKeyToValue("PredictedLabel"));
        var model = pipeline.Fit(train);

        // The class order of the Score column comes from the label key's values.
        VBuffer<ReadOnlyMemory<char>> keys = default;
        model.GetOutputSchema(train.Schema)["Score"].GetSlotNames(ref keys);
        var classNames = keys.DenseValues().Select(k => k.ToString()).ToArray();

        var scored = model.Transform(ml.Data.LoadFromEnumerable(evaluated.Select(d => new Input { Text = d.Text, Label = NoTheme }).ToArray()));
        var predicted = new ThemeMask[evaluated.Count];
        var probabilities = new float[evaluated.Count][];
        int row = 0;
        foreach (var output in ml.Data.CreateEnumerable<Output>(scored, reuseRowObject: false))
        {
            int theme = IndexOf(themes, output.PredictedLabel);
            predicted[row] = theme >= 0 ? ThemeMask.Empty.With(theme) : ThemeMask.Empty;
            probabilities[row] = themes.Select(t => Array.IndexOf(classNames, t) is int k && k >= 0 ? output.Score[k] : 0f).ToArray();
            row++;
        }

        return new PredictorResult(Name, Description, predicted, probabilities);
    }

    private static int IndexOf(IReadOnlyList<string> themes, string name)
    {
        for (int i = 0; i < themes.Count; i++)
        {
            if (themes[i] == name)
            {
                return i;
            }
        }

        return -1;
    }

    private sealed class Input
    {
        public string Text { get; set; } = string.Empty;

        public string Label { get; set; } = string.Empty;
    }

    private sealed class Output
    {
        public string PredictedLabel { get; set; } = string.Empty;

        public float[] Score { get; set; } = [];
    }
}
