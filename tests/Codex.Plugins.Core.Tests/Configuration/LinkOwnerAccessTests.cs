using Codex.Plugins.Configuration;
using Codex.Plugins.Tests.Support;
using static Codex.Plugins.Tests.Support.Tool;

namespace Codex.Plugins.Tests.Configuration;

/// <summary>
/// Every reader opens files through RegularFile: as root, a link is followed only to what its owner (uid 4242 here)
/// could read, as Codex run by that owner would; links of root's own are followed as they are.
/// </summary>
public sealed class LinkOwnerAccessTests : IDisposable
{
    private const string Owner = "4242";
    private readonly TempTree tree = new();

    public void Dispose() => tree.Dispose();

    private static bool IsRoot => OperatingSystem.IsLinux() && Run("id", "-u").Trim() == "0";

    private string Link(string name, string target, string owner)
    {
        string link = Path.Combine(tree.Dir("home"), name);
        File.CreateSymbolicLink(link, target);
        Run("chown", "-h", $"{owner}:{owner}", link);
        return link;
    }

    [Fact]
    public void A_link_its_owner_planted_towards_a_root_only_file_reads_nothing()
    {
        if (!IsRoot)
        {
            return;
        }

        string secret = tree.Write("root-only/secret.toml", "token = \"ROOT\"\n");
        Run("chmod", "0700", Path.GetDirectoryName(secret)!);
        string link = Link("config.toml", secret, Owner);

        var refused = Assert.Throws<LinkNotFollowedException>(() => RegularFile.ReadAllText(link));
        Assert.Contains($"a link owned by uid {Owner}", refused.Message);
        Assert.DoesNotContain("ROOT\"", refused.Message);
    }

    [Fact]
    public void A_folder_link_on_the_way_counts_as_a_file_link_does()
    {
        if (!IsRoot)
        {
            return;
        }

        string secret = tree.Write("root-only/skill/SKILL.md", "---\nname: root\n---\n");
        Run("chmod", "0700", Path.Combine(tree.Root, "root-only"));
        string link = Link("skill", Path.GetDirectoryName(secret)!, Owner);

        Assert.Throws<LinkNotFollowedException>(() => RegularFile.ReadAllText(Path.Combine(link, "SKILL.md")));
    }

    [Fact]
    public void A_file_only_roots_group_may_read_is_refused_and_one_others_may_read_is_read()
    {
        if (!IsRoot)
        {
            return;
        }

        string groupOnly = tree.Write("shared/group-only.toml", "a = 1\n");
        Run("chmod", "0640", groupOnly);
        string everyone = tree.Write("shared/everyone.toml", "b = 2\n");
        Run("chmod", "0644", everyone);

        Assert.Throws<LinkNotFollowedException>(() => RegularFile.ReadAllText(Link("group.toml", groupOnly, Owner)));
        Assert.Equal("b = 2\n", RegularFile.ReadAllText(Link("everyone.toml", everyone, Owner)));
    }

    [Fact]
    public void Links_root_owns_are_followed_as_they_are()
    {
        if (!IsRoot)
        {
            return;
        }

        string secret = tree.Write("root-only/secret.toml", "token = \"ROOT\"\n");
        Run("chmod", "0700", Path.GetDirectoryName(secret)!);

        Assert.Equal("token = \"ROOT\"\n", RegularFile.ReadAllText(Link("roots.toml", secret, "0")));
    }
}
