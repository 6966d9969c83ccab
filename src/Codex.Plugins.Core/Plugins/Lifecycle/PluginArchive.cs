using System.Formats.Tar;
using System.IO.Compression;

namespace Codex.Plugins.Plugins.Lifecycle;

/// <summary>
/// Unpacks a plugin package (.tgz) the way codex plugin add unpacks an npm plugin: folders and regular files only (a
/// link of either kind, or any other entry type, refuses the whole archive), no entry may leave the destination
/// (an absolute path or a '..' component), the files' sizes together stay under a limit, and each file keeps the
/// permission bits of its header without setuid, setgid or sticky (tar's unpack without preserved permissions).
/// </summary>
public static class PluginArchive
{
    /// <summary>Unpacks <paramref name="archive"/> into <paramref name="destination"/>; throws <see cref="InvalidDataException"/> with codex's reason when it refuses.</summary>
    public static void Unpack(string archive, string destination, long maxTotalBytes)
    {
        Directory.CreateDirectory(destination);
        using FileStream file = File.OpenRead(archive);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var reader = new TarReader(gzip);
        long total = 0;
        while (ReadNext(reader) is { } entry)
        {
            string output = OutputPath(destination, entry.Name);
            switch (entry.EntryType)
            {
                case TarEntryType.Directory:
                    Directory.CreateDirectory(output);
                    break;
                case TarEntryType.RegularFile or TarEntryType.V7RegularFile:
                    total = checked(total + entry.Length);
                    if (total > maxTotalBytes)
                    {
                        throw new InvalidDataException($"the package's files would take {total} bytes, more than the {maxTotalBytes} bytes codex unpacks");
                    }

                    Directory.CreateDirectory(Path.GetDirectoryName(output)!);
                    WriteFile(entry, output);
                    break;
                case TarEntryType.SymbolicLink or TarEntryType.HardLink:
                    throw new InvalidDataException($"the package entry `{entry.Name}` is a link");
                default:
                    throw new InvalidDataException($"the package entry `{entry.Name}` has the unsupported type {entry.EntryType}");
            }
        }
    }

    private static TarEntry? ReadNext(TarReader reader)
    {
        try
        {
            return reader.GetNextEntry();
        }
        catch (Exception ex) when (ex is FormatException or InvalidDataException or EndOfStreamException)
        {
            throw new InvalidDataException($"the package is not a gzip-compressed tar archive ({ex.Message})", ex);
        }
    }

    /// <summary>The entry's place under the destination; refuses names that are empty or would leave it.</summary>
    private static string OutputPath(string destination, string name)
    {
        string output = destination;
        bool any = false;
        if (name.StartsWith('/'))
        {
            throw new InvalidDataException($"the package entry `{name}` escapes the extraction root");
        }

        foreach (string part in name.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            switch (part)
            {
                case ".":
                    continue;
                case "..":
                    throw new InvalidDataException($"the package entry `{name}` escapes the extraction root");
                default:
                    output = Path.Combine(output, part);
                    any = true;
                    break;
            }
        }

        return any ? output : throw new InvalidDataException("a package entry has an empty path");
    }

    private static void WriteFile(TarEntry entry, string output)
    {
        // A file named twice ends as the last entry has it, as tar's unpack leaves it: the earlier copy is replaced,
        // never written through (links are refused, so nothing else can stand there).
        if (File.Exists(output))
        {
            File.Delete(output);
        }

        using (var target = new FileStream(output, FileMode.CreateNew, FileAccess.Write))
        {
            entry.DataStream?.CopyTo(target);
        }

        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(output, entry.Mode & (UnixFileMode)0x1FF);
        }
    }
}
