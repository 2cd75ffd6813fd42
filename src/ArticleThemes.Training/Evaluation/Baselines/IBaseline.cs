using ArticleThemes.Corpus;

namespace ArticleThemes.Evaluation.Baselines;

/// <summary>A simple predictor the model must beat, trained (if at all) on the same training split.</summary>
internal interface IBaseline
{
    string Name { get; }

    string Description { get; }

    PredictorResult Run(LabeledCorpus corpus, IReadOnlyList<CorpusDocument> evaluated, IReadOnlyList<string> themes);
}
