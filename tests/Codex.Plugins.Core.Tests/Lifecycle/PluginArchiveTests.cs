using System.Formats.Tar;
using System.IO.Compression;
using Codex.Plugins.Plugins.Lifecycle;
using Codex.Plugins.Tests.Support;

namespace Codex.Plugins.Tests.Lifecycle;

public class PluginArchiveTests
{
    private const long Limit = 250L * 1024 * 1024;

    /// <summary>A .tgz written entry by entry, as tar or a hostile publisher would write it.</summary>
    private static string Archive(TempTree tree, params TarEntry[] entries)
    {
        string path = Path.Combine(tree.Root, $"{Guid.NewGuid():N}.tgz");
        using (FileStream file = System.IO.File.Create(path))
        using (var gzip = new GZipStream(file, CompressionLevel.Fastest))
        using (var writer = new TarWriter(gzip, TarEntryFormat.Pax))
        {
            foreach (TarEntry entry in entries)
            {
                writer.WriteEntry(entry);
            }
        }

        return path;
    }

    private static PaxTarEntry File(string name, string text, UnixFileMode mode = (UnixFileMode)0x1A4) =>
        new(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(text)), Mode = mode };

    [Fact]
    public void Files_and_folders_land_under_the_destination_with_their_permission_bits_and_without_setuid()
    {
        using var tree = new TempTree();
        string tgz = Archive(tree,
            new PaxTarEntry(TarEntryType.Directory, "package/"),
            File("package/package.json", "{}"),
            File("./package/bin/run.sh", "#!/bin/sh\n", (UnixFileMode)0xDED /* 06755 */));
        string into = Path.Combine(tree.Root, "out");

        PluginArchive.Unpack(tgz, into, Limit);

        Assert.Equal("{}", System.IO.File.ReadAllText(Path.Combine(into, "package/package.json")));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal((UnixFileMode)0x1ED /* 0755 */, System.IO.File.GetUnixFileMode(Path.Combine(into, "package/bin/run.sh")));
        }
    }

    [Theory]
    [InlineData(TarEntryType.SymbolicLink, "is a link")]
    [InlineData(TarEntryType.HardLink, "is a link")]
    [InlineData(TarEntryType.Fifo, "unsupported type")]
    public void Links_and_special_files_refuse_the_whole_archive(TarEntryType type, string reason)
    {
        using var tree = new TempTree();
        var special = new PaxTarEntry(type, "package/odd");
        if (type is TarEntryType.SymbolicLink or TarEntryType.HardLink)
        {
            special.LinkName = "/etc/passwd";
        }

        string tgz = Archive(tree, File("package/package.json", "{}"), special);

        var ex = Assert.Throws<InvalidDataException>(() => PluginArchive.Unpack(tgz, Path.Combine(tree.Root, "out"), Limit));
        Assert.Contains(reason, ex.Message);
        Assert.False(System.IO.File.Exists("/tmp/odd"));
    }

    [Theory]
    [InlineData("../escape.txt")]
    [InlineData("package/../../escape.txt")]
    [InlineData("/tmp/escape.txt")]
    public void An_entry_that_would_leave_the_destination_refuses_the_archive_and_writes_nothing_outside(string name)
    {
        using var tree = new TempTree();
        string into = Path.Combine(tree.Root, "deep/out");
        string tgz = Archive(tree, File(name, "owned"));

        var ex = Assert.Throws<InvalidDataException>(() => PluginArchive.Unpack(tgz, into, Limit));

        Assert.Contains("escapes the extraction root", ex.Message);
        Assert.False(System.IO.File.Exists(Path.Combine(tree.Root, "deep/escape.txt")));
        Assert.False(System.IO.File.Exists(Path.Combine(tree.Root, "escape.txt")));
    }

    [Fact]
    public void Files_that_together_pass_the_limit_refuse_the_archive()
    {
        using var tree = new TempTree();
        string tgz = Archive(tree, File("package/a", new string('a', 600)), File("package/b", new string('b', 600)));

        var ex = Assert.Throws<InvalidDataException>(() => PluginArchive.Unpack(tgz, Path.Combine(tree.Root, "out"), 1000));

        Assert.Contains("more than the 1000 bytes", ex.Message);
    }

    [Fact]
    public void A_file_named_twice_ends_as_the_last_entry_has_it()
    {
        using var tree = new TempTree();
        string tgz = Archive(tree, File("package/x", "first"), File("package/x", "second"));
        string into = Path.Combine(tree.Root, "out");

        PluginArchive.Unpack(tgz, into, Limit);

        Assert.Equal("second", System.IO.File.ReadAllText(Path.Combine(into, "package/x")));
    }

    [Fact]
    public void Bytes_that_are_not_a_gzip_tar_are_refused_with_a_reason()
    {
        using var tree = new TempTree();
        string notAnArchive = tree.Write("x.tgz", "<html>proxy login</html>");

        var ex = Assert.Throws<InvalidDataException>(() => PluginArchive.Unpack(notAnArchive, Path.Combine(tree.Root, "out"), Limit));

        Assert.Contains("not a gzip-compressed tar archive", ex.Message);
    }
}
