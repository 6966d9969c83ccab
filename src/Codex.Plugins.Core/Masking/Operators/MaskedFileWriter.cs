using Codex.Plugins.Configuration.Editing;

namespace Codex.Plugins.Masking.Operators;

/// <summary>Masked copies and mapping files go through the configuration's atomic writer: a reader sees the old file or the whole new one.</summary>
public static class MaskedFileWriter
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>
    /// Produces the content, then replaces <paramref name="path"/> atomically; on any exception nothing changes. The
    /// content is held in memory until the atomic writer takes it (the writer works on whole files).
    /// </summary>
    public static void Write(string path, Action<Stream> writeContent)
    {
        using var buffer = new MemoryStream();
        writeContent(buffer);
        AtomicFile.Write(path, buffer.ToArray(), backup: false);
    }

    /// <summary>Writes a file only its owner may read (0600), replacing any earlier one atomically.</summary>
    public static void WriteAllBytesOwnerOnly(string path, byte[] bytes)
    {
        AtomicFile.Write(path, bytes, backup: false);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, OwnerOnly);
        }
    }
}
