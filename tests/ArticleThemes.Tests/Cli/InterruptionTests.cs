using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using ArticleThemes.Tests.TestSupport;

namespace ArticleThemes.Tests.Cli;

/// <summary>Signals and closed pipes stop a run promptly and leave nothing partial behind.</summary>
public sealed class InterruptionTests
{
    [Theory]
    [InlineData(PosixSignal.SIGINT, 130)]
    [InlineData(PosixSignal.SIGTERM, 143)]
    [InlineData(PosixSignal.SIGHUP, 129)]
    public void A_stopped_predict_exits_with_the_signal_code_and_writes_nothing(PosixSignal signal, int expected)
    {
        string input = CliRunner.WriteTemp(Lines(50));
        string output = TestData.TempPath(".jsonl");

        var (code, _, error) = CliRunner.Run(["predict", "--input", input, "--output", output], prepare: console => console.Stop(signal));

        Assert.Equal(expected, code);
        Assert.Contains($"interrupted by {signal}", error, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(output)!, $".{Path.GetFileName(output)}.*.tmp"));
    }

    [Fact]
    public void SIGTERM_to_a_running_process_deletes_its_temporary_output()
    {
        if (!OperatingSystem.IsLinux())
        {
            return; // kill(1)
        }

        string input = CliRunner.WriteTemp(Lines(400_000));
        string output = TestData.TempPath(".jsonl");
        string directory = Path.GetDirectoryName(output)!;
        using var process = CliRunner.Start("predict", "--input", input, "--output", output);
        var clock = Stopwatch.StartNew();
        while (Directory.GetFiles(directory, $".{Path.GetFileName(output)}.*.tmp").Length == 0 && !process.HasExited && clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            Thread.Sleep(20);
        }

        Assert.False(process.HasExited, "the run ended before it could be interrupted");
        using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            kill.WaitForExit();
        }

        Assert.True(process.WaitForExit(30_000), "the process did not stop");
        Assert.Equal(143, process.ExitCode);
        Assert.False(File.Exists(output));
        Assert.Empty(Directory.GetFiles(directory, $".{Path.GetFileName(output)}.*.tmp"));
    }

    [Fact]
    public void A_closed_standard_output_stops_the_run_promptly()
    {
        string input = CliRunner.WriteTemp(Lines(400_000));
        using var process = CliRunner.Start("predict", "--input", input);

        string? first = process.StandardOutput.ReadLine();
        process.StandardOutput.Close();

        Assert.NotNull(first);
        Assert.True(process.WaitForExit(60_000), "the process went on labelling after its reader left");
        Assert.Equal(1, process.ExitCode);
    }

    private static string Lines(int count)
    {
        var text = new StringBuilder();
        for (int i = 0; i < count; i++)
        {
            text.Append("{\"id\":").Append(i).Append(",\"text\":").Append(JsonSerializer.Serialize($"Customs officers in port {i} raised the duty on imported steel and turned back a convoy.")).Append("}\n");
        }

        return text.ToString();
    }
}
