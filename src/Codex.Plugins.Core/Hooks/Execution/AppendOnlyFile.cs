using Microsoft.Win32.SafeHandles;

namespace Codex.Plugins.Hooks.Execution;

/// <summary>
/// A log file opened to append whole records. .NET's FileMode.Append does not append on Unix: it opens the file
/// without O_APPEND, takes the file's length then, and writes each buffer at its own offset from there (pwrite), so a
/// writer that opened the file before another appended a record writes over that record. Eight flooding handlers
/// logging at once lost 4 to 35 records a run that way, among them the one cut record per stream (the output-flood
/// test then counted 7 or 0 cuts of 8). On Linux the file is opened with O_APPEND: the kernel puts each write at the
/// end of the file as it is at that moment, under the file's lock, whoever else has it open. Elsewhere each write of
/// this process seeks to the end first, one at a time (Windows' sharing mode keeps other writers out meanwhile).
/// </summary>
internal sealed class AppendOnlyFile : IDisposable
{
    private static readonly object Gate = new();

    private readonly SafeFileHandle? handle;
    private readonly FileStream? stream;

    private AppendOnlyFile(SafeFileHandle? handle, FileStream? stream)
    {
        this.handle = handle;
        this.stream = stream;
    }

    /// <summary>Opens (creating it when missing) <paramref name="path"/>; throws IOException or UnauthorizedAccessException.</summary>
    public static AppendOnlyFile Open(string path)
    {
        if (!OperatingSystem.IsLinux())
        {
            return new AppendOnlyFile(null, new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read));
        }

        // 0666, less the umask, as .NET creates files.
        SafeFileHandle fd = LinuxFile.Open(path, LinuxFile.WriteOnly | LinuxFile.Create | LinuxFile.Append | LinuxFile.CloseOnExec, 0x1B6);
        return new AppendOnlyFile(fd, null);
    }

    /// <summary>Appends <paramref name="bytes"/> at the end of the file, in one write where the file takes it whole.</summary>
    public void Write(ReadOnlySpan<byte> bytes)
    {
        if (stream is not null)
        {
            lock (Gate)
            {
                stream.Seek(0, SeekOrigin.End);
                stream.Write(bytes);
                stream.Flush();
            }

            return;
        }

        LinuxFile.WriteAll(handle!, bytes);
    }

    public void Dispose()
    {
        handle?.Dispose();
        stream?.Dispose();
    }
}
