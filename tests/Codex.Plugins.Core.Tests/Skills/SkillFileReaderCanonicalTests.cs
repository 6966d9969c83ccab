using Codex.Plugins.Skills;
using Codex.Plugins.Tests.Support;

namespace Codex.Plugins.Tests.Skills;

/// <summary>
/// SkillFileReader.Canonical answers a path reached through no link without realpath(3): the answer must stay
/// realpath's, with links, "..", "." and doubled or trailing separators, and null for what does not exist.
/// </summary>
public sealed class SkillFileReaderCanonicalTests : IDisposable
{
    private readonly TempTree tree = new();

    public void Dispose() => tree.Dispose();

    [Fact]
    public void The_real_path_is_the_one_realpath_gives()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        string real = tree.Dir("real/skills/search");
        tree.Write("real/skills/search/SKILL.md", "---\nname: search\n---\n");
        string root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(tree.Root));
        Directory.CreateSymbolicLink(Path.Combine(root, "via"), Path.Combine(root, "real", "skills"));
        Directory.CreateDirectory(Path.Combine(root, "other"));
        // A link before "..": the kernel goes up from the link's target, not from the link's folder.
        Directory.CreateSymbolicLink(Path.Combine(root, "other", "up"), Path.Combine(root, "real", "skills", "search"));

        string Expected(string path) => Tool.Run("realpath", "-e", path).Trim();

        foreach (string path in new[]
        {
            real,
            real + "/",
            Path.Combine(root, "real", ".", "skills", "search"),
            root + "//real/skills//search",
            Path.Combine(root, "real", "skills", "search", "SKILL.md"),
            Path.Combine(root, "real", "skills", "..", "skills", "search"),
            Path.Combine(root, "via", "search"),
            Path.Combine(root, "via", "search", "SKILL.md"),
            Path.Combine(root, "other", "up", ".."),
        })
        {
            Assert.Equal(Expected(path), SkillFileReader.Canonical(path));
        }

        Assert.Equal(Path.Combine(root, "real", "skills"), SkillFileReader.Canonical(Path.Combine(root, "other", "up", "..")));
        Assert.Null(SkillFileReader.Canonical(Path.Combine(root, "missing", "SKILL.md")));
    }
}
