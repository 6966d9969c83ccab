using Codex.Plugins.Configuration;
using Codex.Plugins.Diagnostics;
using Codex.Plugins.Mcp;
using Codex.Plugins.Tests.Support;

namespace Codex.Plugins.Tests.Mcp;

public class McpServerInventoryTests
{
    private static McpServerInventory Read(TempTree t, bool includeSecret = false, string? profile = null) =>
        McpServerInventory.Read(t.Load(profile: profile), includeSecret);

    [Fact]
    public void Stdio_and_http_servers_carry_every_setting()
    {
        using var t = new TempTree();
        t.WriteUserConfig("""
            [mcp_servers.zeta]
            command = "node"
            args = ["./srv.js", "--flag"]
            cwd = "rel/dir"
            env = { API_KEY = "sk-secret", B = "2" }
            env_vars = ["LOCAL_TOKEN", { name = "OTHER", source = "remote" }]
            enabled_tools = ["a", "b"]
            disabled_tools = ["c"]
            default_tools_approval_mode = "prompt"
            startup_timeout_ms = 2500
            required = true
            [mcp_servers.zeta.tools.search]
            approval_mode = "approve"

            [mcp_servers.alpha]
            url = "https://mcp.example/mcp"
            bearer_token_env_var = "ALPHA_TOKEN"
            http_headers = { "X-Region" = "us" }
            env_http_headers = { "X-Env" = "ENV_NAME" }
            oauth = { client_id = "cid" }
            scopes = ["read"]
            tool_timeout_sec = 99
            """);
        McpServerInventory inventory = Read(t);
        Assert.Empty(inventory.Issues);
        Assert.Equal(new[] { "alpha", "zeta" }, inventory.Servers.Select(s => s.Name));

        CodexMcpServer zeta = inventory.Servers[1];
        Assert.Equal(("stdio", "node", "rel/dir"), (zeta.Transport, zeta.Command, zeta.Cwd));
        Assert.Equal(new[] { "./srv.js", "--flag" }, zeta.Args);
        Assert.Equal("*****", zeta.Env["API_KEY"]);
        Assert.True(zeta.SecretsMasked);
        Assert.Equal(new[] { "LOCAL_TOKEN", "OTHER (remote)" }, zeta.EnvVars);
        Assert.Equal(new[] { "a", "b" }, zeta.EnabledTools);
        Assert.Equal("approve", zeta.ToolApprovalModes["search"]);
        Assert.Equal((2.5, false), (zeta.StartupTimeoutSec, zeta.StartupTimeoutIsDefault));
        Assert.Equal((McpDefaults.ToolTimeoutSec, true), (zeta.ToolTimeoutSec, zeta.ToolTimeoutIsDefault));
        Assert.True(zeta.Required);
        Assert.Equal(new[] { "None" }, zeta.Auth);
        Assert.Equal(1, zeta.Line);

        CodexMcpServer alpha = inventory.Servers[0];
        Assert.Equal("streamable_http", alpha.Transport);
        Assert.Equal(new[] { "BearerTokenEnvVar", "OAuth", "StaticHeaders", "EnvHeaders" }, alpha.Auth);
        Assert.Equal("*****", alpha.HttpHeaders["X-Region"]);
        Assert.Equal("ENV_NAME", alpha.EnvHttpHeaders["X-Env"]);
        Assert.Equal("cid", alpha.OAuthClientId);
        Assert.Null(alpha.EnabledTools);
        Assert.Equal((99.0, false), (alpha.ToolTimeoutSec, alpha.ToolTimeoutIsDefault));

        Assert.Equal("sk-secret", Read(t, includeSecret: true).Servers[1].Env["API_KEY"]);
    }

    [Fact]
    public void Servers_sort_by_ordinal_name_as_codex_lists_them()
    {
        using var t = new TempTree();
        t.WriteUserConfig(string.Join("\n", new[] { "b", "B", "a-x", "a_x", "A", "10", "9", "_z", "-z", "ax" }.Select(n => $"[mcp_servers.{n}]\ncommand = \"x\"")));
        Assert.Equal(new[] { "-z", "10", "9", "A", "B", "_z", "a-x", "a_x", "ax", "b" }, Read(t).Servers.Select(s => s.Name));
    }

    [Theory]
    [InlineData("command = \"x\"\nurl = \"http://h/\"", ErrorIds.McpTransportConflict, "url is not supported for stdio")]
    [InlineData("url = \"http://h/\"\nbearer_token = \"abc\"", ErrorIds.McpInlineBearerToken, "bearer_token is not supported for streamable_http")]
    [InlineData("command = \"x\"\nbearer_token = \"abc\"", ErrorIds.McpInlineBearerToken, "bearer_token is not supported for stdio")]
    [InlineData("url = \"http://h/\"\nargs = [\"a\"]", ErrorIds.McpTransportConflict, "args is not supported for streamable_http")]
    [InlineData("command = \"x\"\nhttp_headers = { A = \"b\" }", ErrorIds.McpTransportConflict, "http_headers is not supported for stdio")]
    [InlineData("enabled = true", ErrorIds.McpTransportMissing, "invalid transport")]
    [InlineData("command = \"x\"\ndefault_tools_approval_mode = \"never\"", ErrorIds.McpApprovalModeInvalid, "unknown variant `never`, expected one of `auto`, `prompt`, `writes`, `approve`")]
    [InlineData("command = \"x\"\nstartup_timeout_sec = -1", ErrorIds.ConfigValueInvalid, "cannot convert float seconds to Duration: value is negative")]
    [InlineData("command = \"x\"\nargs = \"x\"", ErrorIds.ConfigValueInvalid, "invalid type: string \"x\", expected a sequence")]
    public void Definitions_codex_refuses_are_errors_in_codex_words(string body, string errorId, string words)
    {
        using var t = new TempTree();
        string path = t.WriteUserConfig($"[mcp_servers.ok]\ncommand = \"fine\"\n\n[mcp_servers.a]\n{body}\n");
        McpServerInventory inventory = Read(t);
        CodexIssue issue = Assert.Single(inventory.Issues);
        Assert.Equal(errorId, issue.ErrorId);
        Assert.Contains(words, issue.Message);
        Assert.Equal((path, "a"), (issue.File, issue.Target));
        Assert.InRange(issue.Line!.Value, 4, 6);
        Assert.Equal("ok", Assert.Single(inventory.Servers).Name);
    }

    [Fact]
    public void Names_codex_would_not_accept_from_mcp_add_still_load_with_a_warning()
    {
        using var t = new TempTree();
        t.WriteUserConfig("[mcp_servers.\"my server\"]\ncommand = \"x\"\n");
        McpServerInventory inventory = Read(t);
        Assert.Equal("my server", Assert.Single(inventory.Servers).Name);
        Assert.Equal((ErrorIds.McpServerNameInvalid, IssueKind.Warning), (inventory.Issues[0].ErrorId, inventory.Issues[0].Kind));
    }

    [Fact]
    public void A_profile_adds_its_servers_and_managed_config_can_disable_one()
    {
        using var t = new TempTree();
        t.WriteUserConfig("[mcp_servers.u1]\ncommand = \"usr\"\n");
        t.Write("home/.codex/work.config.toml", "[mcp_servers.p1]\nurl = \"https://p/\"\n");
        t.Write("etc-codex/managed_config.toml", "[mcp_servers.u1]\nenabled = false\n");
        McpServerInventory inventory = Read(t, profile: "work");
        Assert.Equal(new[] { "p1", "u1" }, inventory.Servers.Select(s => s.Name));
        CodexMcpServer u1 = inventory.Servers[1];
        Assert.Equal((false, "Config", (string?)null), (u1.Enabled, u1.DisabledBy, u1.DisabledReason));
        Assert.Equal("Managed", u1.SourceKind.ToString());
        Assert.Equal("Profile", inventory.Servers[0].SourceKind.ToString());
    }

    [Fact]
    public void Requirements_allowlist_disables_servers_whose_identity_does_not_match()
    {
        using var t = new TempTree();
        t.WriteUserConfig("[mcp_servers.docs]\ncommand = \"codex-mcp\"\n[mcp_servers.other]\ncommand = \"evil\"\n[mcp_servers.web]\nurl = \"https://x/\"\n");
        string requirements = t.Write("etc-codex/requirements.toml", "[mcp_servers.docs]\nidentity = { command = \"codex-mcp\" }\n[mcp_servers.web]\nidentity = { url = \"https://other/\" }\n");
        var servers = Read(t).Servers.ToDictionary(s => s.Name);
        Assert.True(servers["docs"].Enabled);
        Assert.False(servers["other"].Enabled);
        Assert.Equal($"requirements ({requirements})", servers["other"].DisabledReason);
        Assert.Equal("Requirements", servers["web"].DisabledBy);
    }
}
