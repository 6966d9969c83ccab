using Codex.Plugins.Diagnostics;
using Microsoft.Win32.SafeHandles;

namespace Codex.Plugins.Configuration.Editing;

/// <summary>
/// The file about to be replaced and its folder, looked at without following a link: its bytes and identity, and the
/// refusals (a read-only file or folder, even for root; not a regular file; a link that appeared meanwhile).
/// </summary>
internal static class CurrentFile
{
    /// <summary>The folder the file goes into: refused when marked read-only (even for root) or when it is not a folder.</summary>
    internal static UnixFileInfo CheckFolder(string target, string folder)
    {
        if (!UnixFileSystem.TryLStat(folder, out UnixFileInfo info) || !info.IsDirectory)
        {
            throw WriteErrors.WriteFailed(target, new DirectoryNotFoundException($"The folder {folder} does not exist."));
        }

        if ((info.Permissions & 0b010_000_000) == 0)
        {
            throw WriteErrors.ReadOnly(target, $"its folder {folder} is marked read-only");
        }

        return info;
    }

    /// <summary>Refuses a file marked read-only (no owner write bit), even for root: someone marked it so on purpose.</summary>
    internal static void ThrowIfReadOnly(string target, UnixFileInfo info)
    {
        if (!info.IsRegularFile)
        {
            throw WriteErrors.WriteFailed(target, new IOException("It is not a regular file."));
        }

        if ((info.Permissions & 0b010_000_000) == 0)
        {
            throw WriteErrors.ReadOnly(target, "the file is marked read-only");
        }

        using SafeFileHandle probe = UnixFileSystem.Open(target, UnixFileSystem.WriteOnly, 0, out int errno);
        if (probe.IsInvalid && errno is UnixFileSystem.ErrorAccess or UnixFileSystem.ErrorPermission)
        {
            throw WriteErrors.ReadOnly(target, "this account may not write it");
        }
    }

    /// <summary>The file's bytes and identity, read without following a link; (null, null) when there is none.</summary>
    internal static (byte[]? Bytes, UnixFileInfo? Info) Read(string path)
    {
        (byte[]? bytes, UnixFileInfo? info) = ReadOrLink(path);
        if (bytes is null && UnixFileSystem.TryLStat(path, out UnixFileInfo entry) && entry.IsLink)
        {
            throw new CodexIssueException(new CodexIssue(ErrorIds.ConfigLinkRefused, IssueKind.ReadError,
                $"{path} became a link while it was being changed; nothing was written through it.", path, Target: path,
                RecommendedAction: "Run the command again; a link is followed only when its owner could have written its target."));
        }

        return (bytes, info);
    }

    /// <summary>The file's identity, size and time without reading it (a link is refused as <see cref="Read"/> does); null when there is none.</summary>
    internal static UnixFileInfo? Stat(string path)
    {
        using SafeFileHandle fd = UnixFileSystem.Open(path, UnixFileSystem.ReadOnly, 0, out int errno);
        if (!fd.IsInvalid)
        {
            return UnixFileSystem.FStat(fd);
        }

        if (errno == UnixFileSystem.ErrorLoop || (UnixFileSystem.TryLStat(path, out UnixFileInfo entry) && entry.IsLink))
        {
            throw new CodexIssueException(new CodexIssue(ErrorIds.ConfigLinkRefused, IssueKind.ReadError,
                $"{path} became a link while it was being changed; nothing was written through it.", path, Target: path,
                RecommendedAction: "Run the command again; a link is followed only when its owner could have written its target."));
        }

        if (errno == UnixFileSystem.ErrorNoEntry)
        {
            return null;
        }

        throw new CodexIssueException(new CodexIssue(ErrorIds.ConfigUnreadable, IssueKind.ReadError,
            $"{path} cannot be read (errno {errno}); nothing was written.", path, Target: path,
            RecommendedAction: "Check that this account may read it."));
    }

    internal static (byte[]? Bytes, UnixFileInfo? Info) ReadOrLink(string path)
    {
        using SafeFileHandle fd = UnixFileSystem.Open(path, UnixFileSystem.ReadOnly, 0, out int errno);
        if (fd.IsInvalid)
        {
            if (errno == UnixFileSystem.ErrorNoEntry || errno == UnixFileSystem.ErrorLoop)
            {
                return (null, null);
            }

            throw new CodexIssueException(new CodexIssue(ErrorIds.ConfigUnreadable, IssueKind.ReadError,
                $"{path} cannot be read (errno {errno}); nothing was written.", path, Target: path,
                RecommendedAction: "Check that this account may read it."));
        }

        UnixFileInfo info = UnixFileSystem.FStat(fd);
        if (!info.IsRegularFile)
        {
            return (Array.Empty<byte>(), info);
        }

        using var stream = new FileStream(fd, FileAccess.Read, 1);
        using var buffer = new MemoryStream(info.Size > 0 && info.Size < int.MaxValue ? (int)info.Size : 0);
        stream.CopyTo(buffer);
        // Size and times after the read: what the bytes were read from, so a later look can tell whether it moved.
        return (buffer.ToArray(), UnixFileSystem.FStat(fd));
    }
}
