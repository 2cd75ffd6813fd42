using ArticleThemes.Benchmarks;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Perfolizer.Horology;

// Modes:
//   (none)      the full suite, each benchmark in its own process, BenchmarkDotNet's default accuracy;
//   --short     the CI mode: in-process steady-state runs with few iterations and three cold-start launches; it
//               leaves out the semantic encoder (SemanticEncodeBenchmarks, SemanticStartupBenchmarks), which would
//               add over a minute (two 90 MB models per case, 0.3 s per article); run those with
//               `-- --filter '*Semantic*'`;
//   report [--output FILE] [ARTIFACTS...]
//               writes docs/benchmarks.md from the results of one or more runs, newest first (default:
//               BenchmarkDotNet.Artifacts); keep an earlier run by moving its artifacts directory aside;
//   anything else is handed to BenchmarkDotNet's switcher (e.g. --filter '*Batch*').
if (args is ["report", ..])
{
    var rest = args.Skip(1).ToList();
    string output = Path.Combine("docs", "benchmarks.md");
    int at = rest.IndexOf("--output");
    if (at >= 0 && at + 1 < rest.Count)
    {
        output = rest[at + 1];
        rest.RemoveRange(at, 2);
    }

    BenchmarkReport.Write(rest.Count > 0 ? rest : ["BenchmarkDotNet.Artifacts"], output);
    Console.WriteLine($"Wrote {output}.");
    return 0;
}

Console.WriteLine("Training the textbook ML.NET baseline on the corpus's training split...");
TextbookPipeline.Prepare();

bool isShort = args.Contains("--short");
int only = Array.IndexOf(args, "--only");
var chosen = only >= 0 && only + 1 < args.Length ? args[only + 1].Split(',', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal) : null;
if (isShort || args.Length == 0 || chosen is not null)
{
    var steady = isShort
        ? Job.ShortRun.WithWarmupCount(1).WithIterationCount(3).WithLaunchCount(1)
            .WithIterationTime(TimeInterval.FromMilliseconds(100)).WithToolchain(InProcessEmitToolchain.Instance)
        : Job.Default;
    var cold = Job.Default.WithStrategy(RunStrategy.ColdStart).WithLaunchCount(isShort ? 2 : 15).WithWarmupCount(0).WithIterationCount(1);
    var artifacts = Path.Combine(Directory.GetCurrentDirectory(), "BenchmarkDotNet.Artifacts");
    IConfig Config(Job job) => DefaultConfig.Instance.AddJob(job.AsDefault()).WithArtifactsPath(artifacts).WithOptions(ConfigOptions.JoinSummary);

    // Each class with its job: steady state, or fresh processes for the cold starts. --short runs the first four;
    // the full run all; --only A,B (class names without "Benchmarks") the ones named, with the full run's jobs.
    (Type Type, bool Cold, bool Short)[] classes =
    [
        (typeof(ClassifyBenchmarks), false, true),
        (typeof(BatchBenchmarks), false, true),
        (typeof(ExplainBenchmarks), false, true),
        (typeof(ColdStartBenchmarks), true, true),
        (typeof(SemanticEncodeBenchmarks), false, false),
        (typeof(SemanticStartupBenchmarks), true, false),
        (typeof(AccurateTierBenchmarks), false, false),
        (typeof(AccurateColdStartBenchmarks), true, false),
    ];
    var summaries = classes
        .Where(c => chosen is not null ? chosen.Contains(c.Type.Name.Replace("Benchmarks", string.Empty, StringComparison.Ordinal)) : !isShort || c.Short)
        .Select(c => BenchmarkRunner.Run(c.Type, Config(c.Cold ? cold : steady)))
        .ToArray();

    return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;
}

var results = BenchmarkSwitcher.FromAssembly(typeof(ClassifyBenchmarks).Assembly).Run(args);
return results.Any(s => s.HasCriticalValidationErrors) ? 1 : 0;
