using Codex.Plugins.Configuration;
using Codex.Plugins.Diagnostics;
using Codex.Plugins.Permissions;
using Codex.Plugins.Tests.Support;

namespace Codex.Plugins.Tests.Permissions;

public class PermissionResolverTests
{
    private static PermissionResolver Resolver(TempTree t, string config, string? tmp = null)
    {
        t.WriteUserConfig(config);
        return new PermissionResolver(t.Load(), tmpDir: tmp ?? string.Empty);
    }

    private static bool Can(ResolvedPermissionProfile p, string path, FileSystemAccess a) => p.CheckPath(path, a).Allowed;

    [Fact]
    public void Workspace_builtin_writes_the_workspace_and_keeps_metadata_read_only_even_when_missing()
    {
        using var t = new TempTree();
        var p = Resolver(t, string.Empty).Resolve(":workspace");
        Assert.True(Can(p, Path.Combine(t.Project, "src/a.cs"), FileSystemAccess.Write));
        Assert.False(Can(p, "/etc/passwd", FileSystemAccess.Write));
        Assert.True(Can(p, "/etc/passwd", FileSystemAccess.Read));
        foreach (string name in PermissionResolver.ProtectedMetadataNames)
        {
            string protectedPath = Path.Combine(t.Project, name, "x");
            Assert.False(Directory.Exists(Path.Combine(t.Project, name)));
            Assert.False(Can(p, protectedPath, FileSystemAccess.Write));
            Assert.True(Can(p, protectedPath, FileSystemAccess.Read));
        }

        Assert.True(Can(p, Path.Combine(t.Project, ".ssh/x"), FileSystemAccess.Write)); // .ssh is not protected
    }

    [Fact]
    public void Most_specific_wins_then_deny_beats_write_beats_read()
    {
        using var t = new TempTree();
        var r = Resolver(t, "[permissions.p]\nextends = \":read-only\"\n[permissions.p.filesystem]\n\"/srv\" = \"deny\"\n\"/srv/open\" = \"write\"\n\"/srv/open/ro\" = \"read\"\n[permissions.p.filesystem.\"/srv/x\"]\n\".\" = \"write\"\n");
        var p = r.Resolve("p");
        Assert.False(Can(p, "/srv/a", FileSystemAccess.Read));
        Assert.True(Can(p, "/srv/open/a", FileSystemAccess.Write));
        Assert.False(Can(p, "/srv/open/ro/a", FileSystemAccess.Write));
        Assert.True(Can(p, "/srv/open/ro/a", FileSystemAccess.Read));
        Assert.True(Can(p, "/srv/x/y", FileSystemAccess.Write));
        Assert.False(Can(p, "/srvx", FileSystemAccess.Write)); // component-wise, not string prefix
        var d = p.CheckPath("/srv/a", FileSystemAccess.Read);
        Assert.Equal(4, d.Line);
        Assert.Equal(t.CodexHome + "/config.toml", d.File);
    }

    [Fact]
    public void Child_key_replaces_the_parent_key_including_builtin_keys()
    {
        using var t = new TempTree();
        var r = Resolver(t, "[permissions.a]\nextends = \":workspace\"\n[permissions.a.filesystem]\n\"/srv\" = \"deny\"\n[permissions.b]\nextends = \"a\"\n[permissions.b.filesystem]\n\"/srv\" = \"read\"\n\":workspace_roots\" = \"read\"\n");
        var b = r.Resolve("b");
        Assert.Equal(new[] { "b", "a", ":workspace" }, b.Chain);
        Assert.True(Can(b, "/srv/f", FileSystemAccess.Read));
        Assert.False(Can(b, Path.Combine(t.Project, "f"), FileSystemAccess.Write));
        Assert.True(Can(r.Resolve("a"), Path.Combine(t.Project, "f"), FileSystemAccess.Write));
    }

    [Fact]
    public void Globs_cover_existing_paths_only_and_double_star_matches_zero_folders()
    {
        using var t = new TempTree();
        t.Write("work/k.env", "x");
        t.Write("work/sub/deep/z.env", "x");
        t.Write("work/sub/a.txt", "x");
        t.Write("work/sub/deep/b.txt", "x");
        var p = Resolver(t, "[permissions.g]\nextends = \":workspace\"\n[permissions.g.filesystem.\":workspace_roots\"]\n\"**/*.env\" = \"deny\"\n\"sub/*.txt\" = \"deny\"\n").Resolve("g");
        Assert.False(Can(p, Path.Combine(t.Project, "k.env"), FileSystemAccess.Read));
        Assert.False(Can(p, Path.Combine(t.Project, "sub/deep/z.env"), FileSystemAccess.Read));
        Assert.False(Can(p, Path.Combine(t.Project, "sub/a.txt"), FileSystemAccess.Read));
        Assert.True(Can(p, Path.Combine(t.Project, "sub/deep/b.txt"), FileSystemAccess.Read));
        Assert.True(Can(p, Path.Combine(t.Project, "sub/new.txt"), FileSystemAccess.Write)); // not there when the sandbox starts
    }

    [Fact]
    public void Special_paths_home_and_tmpdir_resolve_on_this_machine()
    {
        using var t = new TempTree();
        string tmp = t.Dir("tmpd");
        var p = Resolver(t, "[permissions.s.filesystem]\n\":root\" = \"read\"\n\":tmpdir\" = \"write\"\n\"~/cache\" = \"write\"\n", tmp).Resolve("s");
        Assert.True(Can(p, Path.Combine(tmp, "f"), FileSystemAccess.Write));
        Assert.False(Can(p, Path.Combine(tmp, ".git/f"), FileSystemAccess.Write));
        Assert.True(Can(p, Path.Combine(t.UserHome, "cache/f"), FileSystemAccess.Write));
        Assert.False(Can(p, Path.Combine(t.Project, "f"), FileSystemAccess.Write));
    }

    [Theory]
    [InlineData("[permissions.c1]\nextends = \"c2\"\n[permissions.c2]\nextends = \"c1\"\n", "c1", ErrorIds.PermissionProfileCycle, "permissions profile inheritance cycle detected: c1 -> c2 -> c1")]
    [InlineData("[permissions.d]\nextends = \":danger-full-access\"\n", "d", ErrorIds.PermissionProfileUnsupportedParent, "permissions profile `d` cannot extend unsupported built-in profile `:danger-full-access`")]
    [InlineData("[permissions.u]\nextends = \"nope\"\n", "u", ErrorIds.PermissionProfileUnknownParent, "permissions profile `u` extends undefined profile `nope`")]
    [InlineData("[permissions.r.filesystem]\n\"rel/x\" = \"read\"\n", "r", ErrorIds.PermissionPathNotAbsolute, "filesystem path `rel/x` must be absolute, use `~/...`, or start with `:`")]
    [InlineData("[permissions.n.network.domains]\n\"*\" = \"deny\"\n", "n", ErrorIds.PermissionDomainInvalid, "invalid value for network.denied_domains: *")]
    [InlineData("[permissions.t.filesystem.\":workspace_roots\".sub]\n\".\" = \"read\"\n", "t", ErrorIds.PermissionAccessInvalid, "data did not match any variant of untagged enum FilesystemPermissionToml")]
    [InlineData("[permissions.g.filesystem.\":workspace_roots\"]\n\"d0*\" = \"read\"\n", "g", ErrorIds.PermissionAccessInvalid, "filesystem glob path `d0*` only supports `deny` access; use an exact path or trailing `/**` for `read` subtree access")]
    [InlineData("[permissions.s.network.unix_sockets]\n\"/run/a.sock\" = \"none\"\n", "s", ErrorIds.PermissionAccessInvalid, "unknown variant `none`, expected `allow` or `deny`")]
    [InlineData("", "nothere", ErrorIds.PermissionProfileNotFound, "default_permissions refers to undefined profile `nothere`")]
    public void Refuses_what_codex_refuses_with_its_words(string config, string name, string errorId, string text)
    {
        using var t = new TempTree();
        var p = Resolver(t, config).Resolve(name);
        Assert.NotNull(p.Error);
        Assert.Equal(errorId, p.Error!.ErrorId);
        Assert.Contains(text, p.Error.Message);
        Assert.False(p.CheckPath("/etc/passwd", FileSystemAccess.Read).Allowed);
    }

    [Fact]
    public void Unknown_profile_suggests_close_names()
    {
        using var t = new TempTree();
        var p = Resolver(t, "[permissions.deploy]\nextends = \":workspace\"\n").Resolve("deplyo");
        Assert.Contains("deploy", p.Error!.RecommendedAction);
    }

    [Theory]
    [InlineData("sandbox_mode = \"read-only\"\ndefault_permissions = \":workspace\"\n", false, ":workspace")]
    [InlineData("sandbox_mode = \"workspace-write\"\n", true, "workspace-write")]
    [InlineData("", false, ":read-only")]
    public void Default_selection_follows_the_binary(string config, bool legacy, string name)
    {
        using var t = new TempTree();
        var s = Resolver(t, config).DefaultSelection();
        Assert.Equal(legacy, s.Legacy);
        Assert.Equal(name, s.Name);
    }

    [Fact]
    public void Higher_layer_wins_between_sandbox_mode_and_default_permissions()
    {
        using var t = new TempTree();
        t.Write("home/.codex/ro.config.toml", "sandbox_mode = \"read-only\"\n");
        t.WriteUserConfig("default_permissions = \":workspace\"\n");
        var r = new PermissionResolver(t.Load(profile: "ro"));
        Assert.True(r.DefaultSelection().Legacy);
        Assert.Single(r.ModeConflicts());
        Assert.False(r.ResolveDefault().CheckPath(Path.Combine(t.Project, "f"), FileSystemAccess.Write).Allowed);
    }

    [Fact]
    public void Requirements_allowlist_and_deny_read_apply()
    {
        using var t = new TempTree();
        t.Write("etc-codex/requirements.toml", "[allowed_permission_profiles]\n\":workspace\" = true\n[permissions.filesystem]\ndeny_read = [\"~/.ssh\"]\n");
        var r = Resolver(t, string.Empty);
        Assert.False(r.Resolve(":read-only").AllowedByRequirements);
        var ws = r.Resolve(":workspace");
        Assert.True(ws.AllowedByRequirements);
        var d = ws.CheckPath(Path.Combine(t.UserHome, ".ssh/id_rsa"), FileSystemAccess.Read);
        Assert.False(d.Allowed);
        Assert.Contains("deny_read", d.DecidingRule);
    }

    [Theory]
    [InlineData("example.com", "example.com", true)]
    [InlineData("example.com", "a.example.com", false)]
    [InlineData("*.example.com", "example.com", false)]
    [InlineData("*.example.com", "a.b.example.com", true)]
    [InlineData("**.example.com", "example.com", true)]
    [InlineData("**.example.com", "a.example.com", true)]
    [InlineData("**.example.com", "badexample.com", false)]
    [InlineData("*", "anything.org", true)]
    public void Domain_patterns_match_as_documented(string pattern, string host, bool expected)
    {
        DomainPattern p = DomainPattern.Parse(pattern, isDeny: false, out string? error)!;
        Assert.Null(error);
        Assert.Equal(expected, p.Matches(DomainPattern.NormalizeHost(host)));
    }

    [Fact]
    public void Network_deny_wins_no_allow_means_none_and_hosts_are_normalised()
    {
        using var t = new TempTree();
        var r = Resolver(t, "[permissions.n]\nextends = \":workspace\"\n[permissions.n.network]\nenabled = true\n[permissions.n.network.domains]\n\"**.github.com\" = \"allow\"\n\"gist.github.com\" = \"deny\"\n[permissions.off.network.domains]\n\"x.com\" = \"allow\"\n[permissions.none.network]\nenabled = true\n");
        var n = r.Resolve("n");
        Assert.True(n.CheckDomain("API.GitHub.com.:443").Allowed);
        Assert.False(n.CheckDomain("gist.github.com").Allowed);
        Assert.False(n.CheckDomain("pypi.org").Allowed);
        Assert.False(r.Resolve("off").CheckDomain("x.com").Allowed);
        Assert.False(r.Resolve("none").CheckDomain("x.com").Allowed);
        Assert.True(r.Resolve(":danger-full-access").CheckDomain("x.com").Allowed);
    }

    [Fact]
    public void Findings_fire_on_risky_profiles_and_stay_quiet_on_a_tight_one()
    {
        using var t = new TempTree();
        var r = Resolver(t, "[permissions.wide]\nextends = \":workspace\"\n[permissions.wide.filesystem]\n\"/srv\" = \"write\"\n[permissions.wide.network]\nenabled = true\n[permissions.wide.network.domains]\n\"*\" = \"allow\"\n"
            + "[permissions.tight]\nextends = \":workspace\"\n[permissions.tight.filesystem]\n\"~/.ssh\" = \"deny\"\n\"~/.aws\" = \"deny\"\n\"~/.config/gcloud\" = \"deny\"\n\"" + t.CodexHome + "/auth.json\" = \"deny\"\n");
        var env = t.Environment();
        var wide = PermissionFindings.For(r.Resolve("wide"), r, env).Select(f => f.RuleId).ToList();
        Assert.Contains(PermissionRuleIds.NetworkAllowAll, wide);
        Assert.Contains(PermissionRuleIds.WriteOutsideWorkspace, wide);
        Assert.Contains(PermissionRuleIds.SecretsReadable, wide);
        Assert.Contains(PermissionRuleIds.DangerFullAccess, PermissionFindings.For(r.Resolve(":danger-full-access"), r, env).Select(f => f.RuleId));
        Assert.Empty(PermissionFindings.For(r.Resolve("tight"), r, env));
    }

    [Fact]
    public void An_agent_asking_for_more_than_its_parent_is_reported()
    {
        using var t = new TempTree();
        var r = Resolver(t, "default_permissions = \":read-only\"\n");
        var parent = r.ResolveDefault();
        Assert.Single(PermissionFindings.AgentExceedsParent("builder", null, null, r.Resolve(":workspace"), parent));
        Assert.Empty(PermissionFindings.AgentExceedsParent("reader", null, null, r.Resolve(":read-only"), parent));
    }

    [Fact]
    public void A_deny_inside_a_denied_folder_means_the_linux_sandbox_cannot_start()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        using var t = new TempTree();
        t.Write("work/open/o.txt", "x");
        var r = Resolver(t, "[permissions.bad]\nextends = \":workspace\"\n[permissions.bad.filesystem.\":workspace_roots\"]\n\"open\" = \"deny\"\n\"open/o.txt\" = \"deny\"\n"
            + "[permissions.ok]\nextends = \":workspace\"\n[permissions.ok.filesystem.\":workspace_roots\"]\n\"open\" = \"read\"\n\"open/o.txt\" = \"deny\"\n");
        var bad = r.Resolve("bad");
        Assert.Equal($"bwrap: Can't create file at {t.Project}/open/o.txt: Read-only file system", bad.SandboxStartError);
        Assert.False(bad.CheckPath(Path.Combine(t.Project, "readme.md"), FileSystemAccess.Read).Allowed);
        Assert.Contains(PermissionRuleIds.SandboxCannotStart, PermissionFindings.For(bad, r, t.Environment()).Select(f => f.RuleId));
        var ok = r.Resolve("ok");
        Assert.Null(ok.SandboxStartError);
        Assert.True(ok.CheckPath(Path.Combine(t.Project, "readme.md"), FileSystemAccess.Read).Allowed);
    }

    [Fact]
    public void Odd_domain_patterns_load_as_in_codex_but_match_nothing_and_none_means_deny()
    {
        using var t = new TempTree();
        var p = Resolver(t, "[permissions.o]\nextends = \":workspace\"\n[permissions.o.network]\nenabled = true\n[permissions.o.network.domains]\n\"bad domain\" = \"allow\"\n\"ok.example\" = \"allow\"\n[permissions.o.filesystem]\n\"/srv\" = \"none\"\n").Resolve("o");
        Assert.Null(p.Error);
        Assert.Single(p.Warnings, w => w.ErrorId == ErrorIds.PermissionDomainInvalid);
        Assert.False(p.CheckDomain("bad domain").Allowed);
        Assert.True(p.CheckDomain("ok.example").Allowed);
        Assert.False(p.CheckPath("/srv/x", FileSystemAccess.Read).Allowed);
    }
}
