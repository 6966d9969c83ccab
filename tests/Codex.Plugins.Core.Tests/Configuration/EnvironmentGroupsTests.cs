using Codex.Plugins.Configuration;
using Codex.Plugins.Tests.Support;

namespace Codex.Plugins.Tests.Configuration;

public class EnvironmentGroupsTests
{
    [Fact]
    public void Items_of_the_same_environment_go_to_one_group_in_the_order_each_environment_first_came()
    {
        using var t = new TempTree();
        var groups = new EnvironmentGroups<string>();
        groups.For(t.Environment()).Add("a");
        groups.For(t.Environment(profile: "work")).Add("b");
        groups.For(t.Environment()).Add("c");

        Assert.Equal(new[] { (t.Environment(), "a,c"), (t.Environment(profile: "work"), "b") }, groups.Select(g => (g.Environment, string.Join(",", g.Items))));
    }
}
