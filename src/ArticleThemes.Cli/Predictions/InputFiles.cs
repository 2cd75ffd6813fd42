using ArticleThemes.Corpus;
using Microsoft.Extensions.FileSystemGlobbing;
using Microsoft.Extensions.FileSystemGlobbing.Abstractions;

namespace ArticleThemes.Cli.Predictions;

/// <summary>
/// The files <c>predict --input</c> reads: each value as given, or, when it holds a <c>*</c>, the files it matches
/// (<c>*</c> within one path segment, <c>**</c> across directories), in ordinal order of their paths, so a run over
/// <c>part-*.jsonl</c> reads the parts in the order they were cut. <c>?</c> and <c>[...]</c> are not wildcards.
/// </summary>
internal static class InputFiles
{
    /// <summary>Standard input, as a value of <c>--input</c>.</summary>
    public const string StandardInput = "-";

    /// <summary>Every value expanded, in the order given; a pattern that matches no file is a usage error naming it.</summary>
    public static IReadOnlyList<string> Expand(IEnumerable<string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var files = new List<string>();
        foreach (string value in values)
        {
            if (!IsPattern(value))
            {
                files.Add(value);
                continue;
            }

            var matches = Match(value);
            if (matches.Count == 0)
            {
                throw new UsageException($"--input '{value}': no file matches this pattern.");
            }

            files.AddRange(matches);
        }

        return files;
    }

    public static bool IsPattern(string value) => value != StandardInput && value.Contains('*', StringComparison.Ordinal);

    /// <summary>The files <paramref name="pattern"/> matches, as paths that start the way the pattern does, in ordinal order.</summary>
    internal static IReadOnlyList<string> Match(string pattern)
    {
        // The directory part before the first wildcard is where the search starts; the rest is the glob.
        string[] segments = pattern.Replace('\\', '/').Split('/');
        int first = Array.FindIndex(segments, s => s.Contains('*', StringComparison.Ordinal));
        string root = string.Join('/', segments[..first]);
        string glob = string.Join('/', segments[first..]);
        string searchRoot = first == 1 && segments[0].Length == 0 ? "/" : root.Length == 0 ? "." : root.EndsWith(':') ? root + "/" : root;
        if (!Directory.Exists(searchRoot))
        {
            return [];
        }

        var matcher = new Matcher(OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);
        matcher.AddInclude(glob);
        var result = matcher.Execute(new DirectoryInfoWrapper(new DirectoryInfo(searchRoot)));
        return result.Files
            .Select(f => root.Length == 0 && searchRoot == "." ? f.Path : (searchRoot == "/" ? "/" + f.Path : $"{root}/{f.Path}"))
            .Order(StringComparer.Ordinal)
            .ToArray();
    }

    /// <summary>Fails before any work when an input file is missing or is a directory (the same words as opening it would use).</summary>
    public static void CheckExists(string path)
    {
        if (path == StandardInput || File.Exists(path))
        {
            return;
        }

        throw new DataFormatException(path, 0, Directory.Exists(path) ? "this is a directory; give a JSON Lines file." : "the file does not exist.");
    }

    /// <summary>
    /// Where each input's results go under <c>--output-dir</c>: the directory, then the input's own file name. Two
    /// inputs with one file name, standard input, or an output that would replace its own input are usage errors.
    /// </summary>
    public static IReadOnlyList<string> OutputPaths(IReadOnlyList<string> inputs, string directory)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var outputs = new List<string>(inputs.Count);
        var seen = new Dictionary<string, string>(OperatingSystem.IsWindows() ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal);
        foreach (string input in inputs)
        {
            if (input == StandardInput)
            {
                throw new UsageException("--output-dir names each output after its input file; standard input ('-') has no name: use --output.");
            }

            string name = Path.GetFileName(input);
            if (seen.TryGetValue(name, out string? other))
            {
                throw new UsageException($"--output-dir: '{other}' and '{input}' would both be written to {Path.Combine(directory, name)}; give inputs with distinct file names (or run them into separate directories).");
            }

            seen[name] = input;
            string output = Path.Combine(directory, name);
            if (string.Equals(Path.GetFullPath(output), Path.GetFullPath(input), OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal))
            {
                throw new UsageException($"--output-dir: {output} is the input itself; write into another directory.");
            }

            outputs.Add(output);
        }

        return outputs;
    }
}
