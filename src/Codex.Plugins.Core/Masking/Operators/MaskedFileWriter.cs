using Codex.Plugins.Configuration.Editing;

namespace Codex.Plugins.Masking.Operators;

/// <summary>Masked copies and mapping files go through the configuration's atomic writer: a reader sees the old file or the whole new one.</summary>
public static class MaskedFileWriter
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Streams content into <paramref name="path"/> atomically; on any exception nothing changes.</summary>
    public static void Write(string path, Action<Stream> writeContent) => AtomicFile.Write(path, writeContent, backup: false);

    /// <summary>Writes a file only its owner may read (0600), replacing any earlier one atomically.</summary>
    public static void WriteAllBytesOwnerOnly(string path, byte[] bytes)
    {
        AtomicFile.Write(path, stream => stream.Write(bytes), backup: false, OwnerOnly);
        if (!OperatingSystem.IsWindows())
        {
            // An existing mapping keeps its mode through the writer; a mapping must never be readable by others.
            File.SetUnixFileMode(path, OwnerOnly);
        }
    }
}
