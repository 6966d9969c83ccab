using System.Text;
using Codex.Plugins.Configuration;
using Codex.Plugins.Plugins.Lifecycle;
using Codex.Plugins.Tests.Support;

namespace Codex.Plugins.Tests.Configuration;

/// <summary>
/// RegularFile.ReadAllBytes reads on the open handle (sized by its fstat) and, inside a ReadEachOnce scope, reads each
/// file once: what it returns must stay what the file holds, whatever its size says.
/// </summary>
public sealed class RegularFileTests : IDisposable
{
    private readonly TempTree tree = new();

    public void Dispose() => tree.Dispose();

    [Fact]
    public void A_file_is_read_whole_small_empty_or_larger_than_one_read()
    {
        string small = tree.Write("small.txt", "a = 1\n");
        string empty = tree.Write("empty.txt", string.Empty);
        string large = Path.Combine(tree.Root, "large.bin");
        byte[] content = Enumerable.Range(0, 3 * 1024 * 1024 + 17).Select(i => (byte)(i * 7)).ToArray();
        File.WriteAllBytes(large, content);

        Assert.Equal("a = 1\n", Encoding.UTF8.GetString(RegularFile.ReadAllBytes(small)));
        Assert.Empty(RegularFile.ReadAllBytes(empty));
        Assert.Equal(content, RegularFile.ReadAllBytes(large));
    }

    [Fact]
    public void A_file_whose_size_says_nothing_is_read_to_its_end()
    {
        // Files of /proc say size 0 and hold text: the read goes on to the end, not to the size fstat gave.
        if (!OperatingSystem.IsLinux() || !File.Exists("/proc/version"))
        {
            return;
        }

        byte[] read = RegularFile.ReadAllBytes("/proc/version");
        Assert.NotEmpty(read);
        Assert.Equal(File.ReadAllText("/proc/version"), Encoding.UTF8.GetString(read));
    }

    [Fact]
    public void A_file_read_through_a_link_in_a_folder_on_the_way_is_read()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        tree.Write("real/skill/SKILL.md", "---\nname: linked\n---\n");
        string link = Path.Combine(tree.Root, "via");
        Directory.CreateSymbolicLink(link, Path.Combine(tree.Root, "real"));

        Assert.Equal("---\nname: linked\n---\n", Encoding.UTF8.GetString(RegularFile.ReadAllBytes(Path.Combine(link, "skill", "SKILL.md"))));
        Assert.Equal("---\nname: linked\n---\n", RegularFile.ReadAllText(Path.Combine(link, "skill", "SKILL.md")));
    }

    [Fact]
    public void Inside_a_read_once_scope_a_file_is_read_once_and_outside_it_is_read_again()
    {
        string file = tree.Write("plugin.json", "{\"name\":\"one\"}");
        using (RegularFile.ReadEachOnce())
        {
            Assert.Equal("{\"name\":\"one\"}", Encoding.UTF8.GetString(RegularFile.ReadAllBytes(file)));
            File.WriteAllText(file, "{\"name\":\"two\"}");
            using (RegularFile.ReadEachOnce())
            {
                // A scope inside another is the outer one.
                Assert.Equal("{\"name\":\"one\"}", Encoding.UTF8.GetString(RegularFile.ReadAllBytes(file)));
            }

            Assert.Equal("{\"name\":\"one\"}", Encoding.UTF8.GetString(RegularFile.ReadAllBytes(file)));
        }

        Assert.Equal("{\"name\":\"two\"}", Encoding.UTF8.GetString(RegularFile.ReadAllBytes(file)));
    }

    [Fact]
    public void A_plugin_check_reads_each_file_of_the_plugin_once()
    {
        // The manifest is read by its reader, by the skills' namespace lookup and by the secret scan; the skill file
        // by the skill reader and the secret scan. Replacing a file between two of those reads must not change what
        // the check reports: one check, one version of each file. Here: the check sees the files as they were first read.
        string root = tree.Dir("plugin");
        tree.Write("plugin/.codex-plugin/plugin.json", "{ \"name\": \"demo\", \"version\": \"1.0.0\", \"description\": \"d\" }");
        tree.Write("plugin/skills/search/SKILL.md", "---\nname: search\ndescription: Finds things.\n---\nBody\n");

        CodexPluginTestResult result;
        using (RegularFile.ReadEachOnce())
        {
            Assert.NotNull(RegularFile.ReadAllBytes(Path.Combine(root, ".codex-plugin", "plugin.json")));
            File.WriteAllText(Path.Combine(root, ".codex-plugin", "plugin.json"), "{ \"name\": \"changed\" }");
            result = PluginCheck.Run(root, null, null, tree.Environment());
        }

        Assert.Equal("demo", result.Name);
        Assert.Equal(new[] { "demo:search" }, result.Skills);
        Assert.True(result.Installable);
    }
}
