using System.Runtime.InteropServices;

namespace ArticleThemes.IO;

/// <summary>
/// Writes a file so that readers see either the old content or the whole new content, never a part: the bytes go
/// to a temporary file beside the target, which is then moved over it, with the target's permissions. Only regular
/// files are replaced that way: a symbolic link is written through to the file it points to, and a character
/// device, FIFO or socket (<c>/dev/null</c>, <c>/dev/stdout</c>, a named pipe) is written straight into, since
/// replacing it would destroy it.
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

        if (exists && !IsRegularFile(full))
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

    /// <summary>
    /// Whether <paramref name="path"/> is a regular file. .NET does not report a file's type, so on Linux this asks
    /// <c>stat(2)</c>; elsewhere every existing non-directory counts as regular.
    /// </summary>
    internal static bool IsRegularFile(string path)
    {
        if (!OperatingSystem.IsLinux())
        {
            return true;
        }

        int offset = RuntimeInformation.ProcessArchitecture switch
        {
            Architecture.X64 => 24,
            Architecture.Arm64 or Architecture.LoongArch64 or Architecture.RiscV64 => 16,
            _ => -1,
        };
        var buffer = new byte[256];
        if (offset < 0 || Stat(path, buffer) != 0)
        {
            return true;
        }

        const int TypeMask = 0xF000;
        const int Regular = 0x8000;
        return (BitConverter.ToInt32(buffer, offset) & TypeMask) == Regular;
    }

    [LibraryImport("libc", EntryPoint = "stat", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Stat(string path, [Out] byte[] buffer);
}
