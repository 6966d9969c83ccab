using System.Runtime.InteropServices;
using System.Text;

namespace Codex.Plugins.Skills;

/// <summary>File access for the skill scan: strict UTF-8 text (a BOM is kept, as Codex keeps it) and canonical paths.</summary>
internal static class SkillFileReader
{
    /// <summary>Codex reads SKILL.md as UTF-8 and fails on invalid bytes; it does not drop a BOM.</summary>
    public static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    // Front matter sits at the top: read this much first and the whole file only when the block is not closed in it.
    private const int PrefixBytes = 8 * 1024;

    /// <summary>The text Codex needs from SKILL.md: enough to hold the front matter.</summary>
    public static string ReadFrontMatterText(string path)
    {
        if (Configuration.RegularFile.ReadBefore(path) is { } whole)
        {
            // Read whole already in this task (see RegularFile.ReadEachOnce): the same text from those bytes.
            if (whole.Length < PrefixBytes)
            {
                return StrictUtf8.GetString(whole);
            }

            string start = DecodePrefix(whole, PrefixBytes);
            if (SkillFrontMatter.Extract(start) is not null || !CanOpenFrontMatter(start))
            {
                return start;
            }

            if (whole.Length > Configuration.FileSizeLimit.SkillMd.MaxBytes)
            {
                throw Configuration.FileSizeLimit.SkillMd.Exceeded(path, whole.Length);
            }

            return StrictUtf8.GetString(whole);
        }

        using FileStream stream = Configuration.RegularFile.OpenRead(path);
        var buffer = new byte[PrefixBytes];
        int read = 0;
        while (read < buffer.Length)
        {
            int n = stream.Read(buffer, read, buffer.Length - read);
            if (n == 0)
            {
                break;
            }

            read += n;
        }

        if (read < buffer.Length)
        {
            Configuration.RegularFile.Remember(path, buffer.AsSpan(0, read).ToArray());
            return StrictUtf8.GetString(buffer, 0, read);
        }

        string prefix = DecodePrefix(buffer, read);
        if (SkillFrontMatter.Extract(prefix) is not null || !CanOpenFrontMatter(prefix))
        {
            // Either the block closed in the prefix, or the first line is already not --- (a one-line file of any size
            // included): Codex finds no front matter there however much follows, so nothing more is read.
            return prefix;
        }

        // The block opens and does not close in the prefix: only then is the whole file needed, and only up to the limit.
        Configuration.RegularFile.ThrowIfOver(stream, path, Configuration.FileSizeLimit.SkillMd);
        stream.Position = 0;
        using var reader = new StreamReader(stream, StrictUtf8, detectEncodingFromByteOrderMarks: false);
        return reader.ReadToEnd();
    }

    /// <summary>The first <paramref name="count"/> bytes as text, without failing on a character cut at their end.</summary>
    private static string DecodePrefix(byte[] bytes, int count)
    {
        Decoder decoder = StrictUtf8.GetDecoder();
        var chars = new char[StrictUtf8.GetMaxCharCount(count)];
        int decoded = decoder.GetChars(bytes, 0, count, chars, 0, flush: false);
        return new string(chars, 0, decoded);
    }

    /// <summary>
    /// False when the first line of <paramref name="prefix"/> (whole, or cut at the end of the prefix) can no longer be
    /// the --- that opens a front matter once trimmed, as Codex trims it. A cut line of spaces, or "---" and spaces, still can.
    /// </summary>
    internal static bool CanOpenFrontMatter(string prefix)
    {
        int end = prefix.IndexOf('\n');
        string first = (end < 0 ? prefix : prefix[..end]).Trim();
        return end < 0 ? first.Length == 0 || "---".StartsWith(first, StringComparison.Ordinal) : first == "---";
    }

    /// <summary>The path with every symbolic link resolved (realpath), or null when it cannot be resolved (a loop, a dangling link).</summary>
    public static string? Canonical(string path)
    {
        if (!OperatingSystem.IsWindows())
        {
            // Reached through no link (one openat2, Linux): the real path is the absolute path. realpath(3) reads each
            // component of the path as a link (a dozen readlink calls for a skill folder in the plugin cache) and is
            // asked only when a link is on the way. Relative paths go to realpath as they are.
            if (Path.IsPathRooted(path) && Configuration.Editing.LinkFreePath.Reaches(path))
            {
                return Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));
            }

            IntPtr resolved = RealPath(path, IntPtr.Zero);
            if (resolved == IntPtr.Zero)
            {
                return null;
            }

            try
            {
                return Marshal.PtrToStringUTF8(resolved);
            }
            finally
            {
                Free(resolved);
            }
        }

        try
        {
            FileSystemInfo info = Directory.Exists(path) ? new DirectoryInfo(path) : new FileInfo(path);
            FileSystemInfo? target = info.LinkTarget is null ? null : info.ResolveLinkTarget(returnFinalTarget: true);
            return Path.GetFullPath(target?.FullName ?? info.FullName);
        }
        catch (IOException)
        {
            return null;
        }
    }

    [DllImport("libc", EntryPoint = "realpath", SetLastError = true)]
    private static extern IntPtr RealPath([MarshalAs(UnmanagedType.LPUTF8Str)] string path, IntPtr resolved);

    [DllImport("libc", EntryPoint = "free")]
    private static extern void Free(IntPtr pointer);
}
