using System.CommandLine;
using ArticleThemes.Corpus;
using ArticleThemes.IO;

namespace ArticleThemes.Cli.Commands;

/// <summary><c>corpus</c>: the datasheet numbers, the corpus checks, and the stratified split.</summary>
internal static class CorpusCommand
{
    public static Command Create(CliConsole console)
    {
        var command = new Command("corpus", "Inspect, check and split a labelled corpus.");
        command.Subcommands.Add(Stats(console));
        command.Subcommands.Add(Check(console));
        command.Subcommands.Add(Split(console));
        return command;
    }

    private static Command Stats(CliConsole console)
    {
        var data = CommonOptions.Data("Labelled corpus in JSON Lines.");
        var write = new Option<string?>("--write") { Description = "Replace the generated section of this Markdown file (between the corpus-stats markers) instead of printing." };
        var command = new Command("stats", "Counts per theme, theme combination, genre, length band, region, decade and split, as Markdown.") { data, write };
        command.SetAction(parse => CliApp.Guard(console, () =>
        {
            var corpus = CorpusReader.Load(parse.GetValue(data)!);
            string markdown = CorpusStatistics.ToMarkdown(corpus);
            string? target = parse.GetValue(write);
            if (target is null)
            {
                console.Output.Write(markdown);
                return ExitCodes.Success;
            }

            MarkdownSection.Replace(target, "corpus-stats", markdown);
            console.Output.WriteLine($"Updated the corpus-stats section of {target}.");
            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command Check(CliConsole console)
    {
        var data = CommonOptions.Data("Labelled corpus in JSON Lines.");
        var minimums = new Option<bool>("--minimums") { Description = "Also require the shipped corpus's minimum counts (see data/README.md)." };
        var command = new Command("check", "Validate a corpus: schema, labels, duplicate ids, near-duplicates across splits, and optionally the minimum counts.") { data, minimums };
        command.SetAction(parse => CliApp.Guard(console, () =>
        {
            var corpus = CorpusReader.Load(parse.GetValue(data)!);
            var problems = new List<string>();
            foreach (var pair in NearDuplicates.AcrossSplits(corpus.Documents, NearDuplicates.Threshold))
            {
                problems.Add($"{corpus.Source}:{pair.Train.Line}: train document '{pair.Train.Id}' and test document '{pair.Test.Id}' (line {pair.Test.Line}) are near-duplicates (word 5-gram Jaccard {pair.Similarity:0.00}).");
            }

            if (parse.GetValue(minimums))
            {
                problems.AddRange(CorpusRequirements.Check(corpus).Select(p => $"{corpus.Source}: {p}"));
            }

            foreach (var problem in problems)
            {
                console.Error.WriteLine($"error: {problem}");
            }

            console.Output.WriteLine(problems.Count == 0
                ? $"{corpus.Source}: {corpus.Documents.Count} documents, all checks passed."
                : $"{corpus.Source}: {problems.Count} problems.");
            return problems.Count == 0 ? ExitCodes.Success : ExitCodes.BadInput;
        }));
        return command;
    }

    private static Command Split(CliConsole console)
    {
        var input = new Option<string[]>("--input", "-i") { Description = "Corpus files whose documents need a split (their split field, if any, is replaced).", Required = true, AllowMultipleArgumentsPerToken = true };
        var output = new Option<string>("--output", "-o") { Description = "The corpus to write, with every document's split.", Required = true };
        var testShare = new Option<double>("--test-share") { Description = "Share of each stratum (theme combination x genre) put in the test split.", DefaultValueFactory = _ => 0.3 };
        var seed = new Option<int>("--seed") { Description = "Random seed of the split.", DefaultValueFactory = _ => 42 };
        var force = new Option<bool>("--force") { Description = "Replace the output file if it exists." };
        var command = new Command("split", "Assign a fixed train/test split, stratified by theme combination and genre, keeping near-duplicates together.") { input, output, testShare, seed, force };
        command.SetAction(parse => CliApp.Guard(console, () =>
        {
            double share = parse.GetValue(testShare);
            if (share is <= 0 or >= 1)
            {
                throw new UsageException("--test-share must be between 0 and 1.");
            }

            var documents = parse.GetValue(input)!.SelectMany(path => CorpusReader.Load(path, requireSplit: false).Documents).ToList();
            var split = CorpusSplitter.Split(documents, share, parse.GetValue(seed));
            AtomicFile.Write(parse.GetValue(output)!, stream => CorpusWriter.Write(stream, split), parse.GetValue(force));
            int test = split.Count(d => d.Split == CorpusSplit.Test);
            console.Output.WriteLine($"{split.Count} documents written to {parse.GetValue(output)}: {split.Count - test} train, {test} test.");
            return ExitCodes.Success;
        }));
        return command;
    }
}
