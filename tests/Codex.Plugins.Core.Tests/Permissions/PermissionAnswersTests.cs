using Codex.Plugins.Diagnostics;
using Codex.Plugins.Permissions;
using Codex.Plugins.Tests.Support;

namespace Codex.Plugins.Tests.Permissions;

public class PermissionAnswersTests
{
    [Fact]
    public void With_probes_a_profile_answers_each_path_for_each_access_once_then_each_host()
    {
        using var t = new TempTree();
        t.WriteUserConfig("default_permissions = \":read-only\"\n");
        var stack = t.Load();
        var answers = new PermissionAnswers(new PermissionResolver(stack), stack, new[] { t.Project }, new[] { "Read", "write", "READ" }, new[] { "example.com" });

        var (issues, decisions) = answers.ForProfile(new PermissionResolver(stack).ResolveDefault());

        Assert.Empty(issues);
        Assert.Equal(new[] { "Read", "Write", "Connect" }, decisions.Cast<CodexPermissionDecision>().Select(d => d.Access));
        Assert.Equal(new[] { true, false }, decisions.Cast<CodexPermissionDecision>().Take(2).Select(d => d.Allowed));
    }

    [Fact]
    public void Without_probes_a_profile_is_itself_and_a_broken_one_is_its_error_alone()
    {
        using var t = new TempTree();
        var stack = t.Load();
        var resolver = new PermissionResolver(stack);
        var answers = new PermissionAnswers(resolver, stack, Array.Empty<string>(), new[] { "Read" }, Array.Empty<string>());

        Assert.Equal(":workspace", Assert.IsType<CodexPermissionProfile>(Assert.Single(answers.ForProfile(resolver.Resolve(":workspace")).Answers)).Name);
        var (issues, none) = answers.ForProfile(resolver.Resolve("no-such-profile"));
        Assert.Empty(none);
        Assert.NotNull(Assert.Single(issues).ErrorId);
    }

    [Fact]
    public void An_agent_gets_what_it_asks_for_inside_its_parents_sandbox_and_asking_for_more_is_a_finding()
    {
        using var t = new TempTree();
        t.WriteUserConfig("default_permissions = \":read-only\"\n");
        var stack = t.Load();
        var resolver = new PermissionResolver(stack);

        var probed = new PermissionAnswers(resolver, stack, new[] { t.Project }, new[] { "Write" }, Array.Empty<string>()).ForAgent("builder", ":workspace", null, null, null);
        Assert.False(Assert.IsType<CodexPermissionDecision>(Assert.Single(probed.Answers)).Allowed);

        var profile = new PermissionAnswers(resolver, stack, Array.Empty<string>(), new[] { "Read" }, Array.Empty<string>()).ForAgent("builder", ":workspace", null, null, null);
        Assert.Contains(Assert.IsType<CodexPermissionProfile>(Assert.Single(profile.Answers)).Findings, f => f.Target.Contains("builder", StringComparison.Ordinal));

        var broken = new PermissionAnswers(resolver, stack, Array.Empty<string>(), new[] { "Read" }, Array.Empty<string>()).ForAgent("lost", "no-such-profile", null, null, null);
        Assert.Equal("lost", Assert.Single(broken.Issues, i => i.Kind != IssueKind.Warning).Target);
    }
}
