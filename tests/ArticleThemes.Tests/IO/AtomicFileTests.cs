using System.Diagnostics;
using System.Text;
using ArticleThemes.IO;
using ArticleThemes.Tests.TestSupport;

namespace ArticleThemes.Tests.IO;

public sealed class AtomicFileTests
{
    [Fact]
    public void A_regular_file_is_replaced_whole_and_keeps_its_permissions()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // Unix permissions only.
        }

        string path = TestData.TempPath(".txt");
        File.WriteAllText(path, "old");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);

        AtomicFile.Write(path, s => s.Write("new"u8));

        Assert.Equal("new", File.ReadAllText(path));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(path)!, $".{Path.GetFileName(path)}.*.tmp"));
    }

    [Fact]
    public void A_failed_write_leaves_the_old_file_and_no_temporary_file()
    {
        string path = TestData.TempPath(".txt");
        File.WriteAllText(path, "old");

        Assert.Throws<InvalidOperationException>(() => AtomicFile.Write(path, s =>
        {
            s.Write("partial"u8);
            throw new InvalidOperationException("failed half way");
        }));

        Assert.Equal("old", File.ReadAllText(path));
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(path)!, $".{Path.GetFileName(path)}.*.tmp"));
    }

    [Fact]
    public void A_symbolic_link_is_written_through_and_stays_a_link()
    {
        string target = TestData.TempPath(".txt");
        File.WriteAllText(target, "old");
        string link = TestData.TempPath(".lnk");
        File.CreateSymbolicLink(link, target);

        AtomicFile.Write(link, s => s.Write("new"u8));

        Assert.Equal("new", File.ReadAllText(target));
        Assert.NotNull(new FileInfo(link).LinkTarget);
    }

    [Fact]
    public void A_hard_linked_file_keeps_its_other_names_and_a_failed_write_changes_none()
    {
        if (!OperatingSystem.IsLinux())
        {
            return; // ln and the link count from stat(2).
        }

        string path = TestData.TempPath(".txt");
        File.WriteAllText(path, "old");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        string other = TestData.TempPath(".txt");
        using (var ln = Process.Start("ln", [path, other]))
        {
            ln.WaitForExit();
            Assert.Equal(0, ln.ExitCode);
        }

        Assert.Equal(2, AtomicFile.FileStatus.Of(path).LinkCount);
        Assert.Throws<InvalidOperationException>(() => AtomicFile.Write(path, s =>
        {
            s.Write("partial"u8);
            throw new InvalidOperationException("failed half way");
        }));
        Assert.Equal("old", File.ReadAllText(other));

        AtomicFile.Write(path, s => s.Write("new"u8));

        Assert.Equal("new", File.ReadAllText(path));
        Assert.Equal("new", File.ReadAllText(other));
        Assert.Equal(2, AtomicFile.FileStatus.Of(path).LinkCount);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(path)!, $".{Path.GetFileName(path)}.*.tmp"));
    }

    [Fact]
    public void A_regular_file_has_one_link()
    {
        string path = TestData.TempPath(".txt");
        File.WriteAllText(path, "one");

        var status = AtomicFile.FileStatus.Of(path);

        Assert.True(status.IsRegular);
        Assert.Equal(1, status.LinkCount);
    }

    [Fact]
    public void A_character_device_is_written_into_and_not_replaced()
    {
        if (!OperatingSystem.IsLinux())
        {
            return; // The device check asks stat(2) on Linux only.
        }


        AtomicFile.Write("/dev/null", s => s.Write("discarded"u8));

        Assert.False(AtomicFile.IsRegularFile("/dev/null"));
        Assert.Empty(Directory.GetFiles("/dev", ".null.*.tmp"));
    }

    [Fact]
    public async Task A_fifo_is_written_into_and_its_reader_gets_the_bytes()
    {
        if (!OperatingSystem.IsLinux())
        {
            return; // mkfifo and stat(2).
        }

        string fifo = TestData.TempPath(".fifo");
        using (var mkfifo = Process.Start("mkfifo", fifo))
        {
            mkfifo.WaitForExit();
        }

        var reader = Task.Run(() => File.ReadAllText(fifo));
        AtomicFile.Write(fifo, s => s.Write("through the pipe"u8));

        Assert.Equal("through the pipe", await reader.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.False(AtomicFile.IsRegularFile(fifo));
    }

    [Fact]
    public void A_directory_as_target_is_refused_before_anything_is_written()
    {
        string directory = TestData.TempPath();
        Directory.CreateDirectory(directory);
        bool called = false;

        var error = Assert.Throws<IOException>(() => AtomicFile.Write(directory, _ => called = true));

        Assert.Contains("directory", error.Message, StringComparison.Ordinal);
        Assert.False(called);
    }

    [Fact]
    public void An_existing_file_is_kept_when_overwriting_is_not_allowed()
    {
        string path = TestData.TempPath(".txt");
        File.WriteAllText(path, "old", Encoding.UTF8);

        Assert.Throws<IOException>(() => AtomicFile.Write(path, s => s.Write("new"u8), overwrite: false));
        Assert.Equal("old", File.ReadAllText(path));
    }
}
