using Codex.Plugins.Configuration.Editing;

namespace Codex.Plugins.Masking.Operators;

/// <summary>Masked copies and mapping files go through the configuration's atomic writer: a reader sees the old file or the whole new one.</summary>
public static class MaskedFileWriter
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>
    /// Streams the content into a temporary file beside <paramref name="path"/> and swaps it in atomically; memory stays
    /// the same whatever the size. On any exception nothing changes. <paramref name="fromTarget"/>: the content is made
    /// from the file itself (-InPlace), so a file changed meanwhile is refused (ConfigChangedOnDisk) rather than replaced
    /// by a masked copy of what it used to be. <paramref name="ownerOnly"/>: the file is made readable by its owner only
    /// (a restored copy, which holds what the mapping holds).
    /// </summary>
    public static void Write(string path, Action<Stream> writeContent, bool fromTarget = false, bool ownerOnly = false) =>
        AtomicFile.WriteStreamed(path, writeContent, backup: false, readsTarget: fromTarget, mode: ownerOnly ? OwnerOnly : null);

    /// <summary>
    /// As <see cref="Write"/>, for a file only its owner may read: the temporary file that becomes it is created 0600,
    /// so there is no moment at which the umask's mode lets anyone else open it.
    /// </summary>
    public static void WriteOwnerOnly(string path, Action<Stream> writeContent) =>
        AtomicFile.WriteStreamed(path, writeContent, backup: false, mode: OwnerOnly);
}
