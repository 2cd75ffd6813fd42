using System.Runtime.InteropServices;

namespace ArticleThemes.IO;

/// <summary>
/// Writes a file so that readers see either the old content or the whole new content, never a part: the bytes go
/// to a temporary file beside the target, which is then moved over it, with the target's permissions. Only regular
/// files are replaced that way: a symbolic link is written through to the file it points to, and a character
/// device, FIFO or socket (<c>/dev/null</c>, <c>/dev/stdout</c>, a named pipe) is written straight into, since
/// replacing it would destroy it. A regular file with more than one hard link is not replaced either (a new file
/// would cut it off from its other names): the whole new content is written to the temporary file first, so a
/// failed write leaves the old file as it was, and is then copied into the file in place; only that copy is not atomic.
/// </summary>
internal static partial class AtomicFile
{
    /// <summary>Writes <paramref name="path"/> through <paramref name="write"/>.</summary>
    /// <exception cref="IOException"><paramref name="overwrite"/> is false and the file exists, or the path is a directory.</exception>
    public static void Write(string path, Action<Stream> write, bool overwrite = true)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(write);
        string full = ResolveLinks(Path.GetFullPath(path));
        if (Directory.Exists(full))
        {
            throw new IOException($"{path}: this is a directory, not a file.");
        }

        bool exists = File.Exists(full);
        if (!overwrite && exists)
        {
            throw new IOException($"{path}: the file exists and may not be replaced.");
        }

        var status = exists ? FileStatus.Of(full) : default;
        if (exists && !status.IsRegular)
        {
            using var device = new FileStream(full, FileMode.Open, FileAccess.Write, FileShare.ReadWrite);
            write(device);
            device.Flush();
            return;
        }

        string directory = Path.GetDirectoryName(full) ?? ".";
        Directory.CreateDirectory(directory);
        string temporary = Path.Combine(directory, $".{Path.GetFileName(full)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }

            if (exists && status.LinkCount > 1)
            {
                // Hard-linked: keep the inode, and so every name of the file, by copying the finished content in.
                using var source = new FileStream(temporary, FileMode.Open, FileAccess.Read, FileShare.None);
                using var target = new FileStream(full, FileMode.Truncate, FileAccess.Write, FileShare.Read);
                source.CopyTo(target);
                target.Flush(flushToDisk: true);
                return;
            }

            if (exists && !OperatingSystem.IsWindows())
            {
                // The new file takes the old one's permissions (a 600 file must not become 644).
                File.SetUnixFileMode(temporary, File.GetUnixFileMode(full));
            }

            File.Move(temporary, full, overwrite);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }

    /// <summary>The file a chain of symbolic links ends at (the path itself when it is no link).</summary>
    private static string ResolveLinks(string path)
    {
        var info = new FileInfo(path);
        if (info.LinkTarget is null)
        {
            return path;
        }

        var target = info.ResolveLinkTarget(returnFinalTarget: true);
        return target is null ? path : Path.GetFullPath(target.FullName);
    }

    /// <summary>Whether <paramref name="path"/> is a regular file (see <see cref="FileStatus"/>).</summary>
    internal static bool IsRegularFile(string path) => FileStatus.Of(path).IsRegular;

    /// <summary>
    /// A file's type and number of hard links. .NET reports neither, so on Linux this asks <c>stat(2)</c>; elsewhere
    /// (or when the layout of <c>struct stat</c> is not known) every existing non-directory counts as a regular file
    /// with one link.
    /// </summary>
    internal readonly record struct FileStatus(bool IsRegular, long LinkCount)
    {
        public static FileStatus Of(string path)
        {
            var unknown = new FileStatus(IsRegular: true, LinkCount: 1);
            if (!OperatingSystem.IsLinux())
            {
                return unknown;
            }

            // Offsets of st_mode and st_nlink in glibc's struct stat: x86-64 has a 64-bit st_nlink before st_mode;
            // the generic layout (arm64, loongarch64, riscv64) a 32-bit st_nlink after it.
            var (modeOffset, linkOffset, linkIs64) = RuntimeInformation.ProcessArchitecture switch
            {
                Architecture.X64 => (24, 16, true),
                Architecture.Arm64 or Architecture.LoongArch64 or Architecture.RiscV64 => (16, 20, false),
                _ => (-1, -1, false),
            };
            var buffer = new byte[256];
            if (modeOffset < 0 || Stat(path, buffer) != 0)
            {
                return unknown;
            }

            const int TypeMask = 0xF000;
            const int Regular = 0x8000;
            bool regular = (BitConverter.ToInt32(buffer, modeOffset) & TypeMask) == Regular;
            long links = linkIs64 ? BitConverter.ToInt64(buffer, linkOffset) : BitConverter.ToUInt32(buffer, linkOffset);
            return new FileStatus(regular, links);
        }
    }

    [LibraryImport("libc", EntryPoint = "stat", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Stat(string path, [Out] byte[] buffer);
}
