using System.CommandLine;
using ArticleThemes.Corpus;
using ArticleThemes.Evaluation;
using ArticleThemes.IO;
using ArticleThemes.Semantic;
using ArticleThemes.Training;

namespace ArticleThemes.Cli.Commands;

/// <summary><c>compare</c>: the tier comparison page — both default models and a reference model on the test split and real text, with costs.</summary>
internal static class CompareCommand
{
    public static Command Create(CliConsole console)
    {
        var data = CommonOptions.Data("Labelled corpus in JSON Lines; its test split is measured and its training split trains the reference model.");
        var realText = new Option<string[]>("--realtext") { Description = "Evaluation sets of real text (id, text, themes, source); evaluation only.", AllowMultipleArgumentsPerToken = true };
        var output = new Option<string?>("--output", "-o") { Description = "Markdown file to write (atomically); without it, standard output." };
        var fast = new Option<string?>("--fast-model") { Description = "Fast-tier model file; default: the embedded one." };
        var accurate = new Option<string?>("--accurate-model") { Description = "Accurate-tier model file; default: the embedded one." };
        var command = new Command("compare", "Compare the fast tier, the accurate tier and a reference model (hashed text features alone, no lexicon, trained here on the same split) on the test split and on real text, with their costs.")
        {
            data, realText, output, fast, accurate,
        };
        command.SetAction(parse => CliApp.Guard(console, () =>
        {
            var corpus = CorpusReader.Load(parse.GetValue(data)!);
            var sets = (parse.GetValue(realText) ?? []).Select(CorpusReader.LoadEvaluationSet).ToArray();
            string? fastPath = parse.GetValue(fast);
            string? accuratePath = parse.GetValue(accurate);
            console.Error.WriteLine("Training the reference model (hashed words, pairs and chunks; no lexicon; L-BFGS)...");
            var reference = ThemeTrainer.Train(corpus, new TrainingOptions { Trainer = TrainerKind.Lbfgs, Lexicon = null, WordVectors = false });
            var models = new List<ComparedModel>();
            console.Error.WriteLine("Measuring the reference model...");
            models.Add(TierComparison.Measure("reference: hashed text features alone", "the featurizer the first model used (hashed words, word pairs and character chunks) with L-BFGS heads, trained here on the same training split, without the theme lexicon.", reference.ToClassifier, corpus, sets));
            console.Error.WriteLine("Measuring the fast tier...");
            models.Add(TierComparison.Measure("fast (default)", "ThemeClassifier: hashed text features, the theme lexicon's group counts and the mean of the text's word vectors (all-MiniLM-L6-v2, each word encoded alone and in the training split's texts); the default model, trained also on the training split's sentences as the accurate tier labels them (train --teacher-sentences).", () => fastPath is null ? ThemeClassifier.LoadDefault() : ThemeClassifier.Load(fastPath), corpus, sets));
            console.Error.WriteLine("Measuring the accurate tier...");
            models.Add(TierComparison.Measure("accurate", "SemanticThemeClassifier: all-MiniLM-L6-v2 sentence embeddings (mean-pooled over chunks of at most 254 word pieces), the theme lexicon's group counts and neighbour margins (per theme, how much more the 20 most similar training documents with the theme resemble the text than the 20 most similar without it).", () => accuratePath is null ? SemanticThemeClassifier.LoadDefault() : SemanticThemeClassifier.Load(accuratePath), corpus, sets));
            string markdown = TierComparison.ToMarkdown(models, corpus);
            if (parse.GetValue(output) is { } path)
            {
                AtomicFile.Write(path, stream =>
                {
                    using var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(false), leaveOpen: true);
                    writer.Write(markdown);
                }, overwrite: true);
                console.Output.WriteLine($"Comparison written to {path}.");
            }
            else
            {
                console.Output.Write(markdown);
            }

            return ExitCodes.Success;
        }));
        return command;
    }
}
