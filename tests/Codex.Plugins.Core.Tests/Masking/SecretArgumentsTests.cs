using Codex.Plugins.Configuration;
using Codex.Plugins.Configuration.Editing;
using Codex.Plugins.Diagnostics;
using Codex.Plugins.Findings;
using Codex.Plugins.Masking;
using Codex.Plugins.Mcp;
using Codex.Plugins.Tests.Support;

namespace Codex.Plugins.Tests.Masking;

/// <summary>
/// A secret given to an MCP server as its own element after the flag that names it (`--password`, `-p`, `--token`,
/// `--api-key`): alone, the element looks like any word, so only its place says it is a secret.
/// </summary>
public class SecretArgumentsTests
{
    [Theory]
    [InlineData("--password")]
    [InlineData("-p")]
    [InlineData("--token")]
    [InlineData("--api-key")]
    [InlineData("--apikey")]
    [InlineData("--db-password")]
    [InlineData("--auth-token")]
    [InlineData("--client-secret")]
    [InlineData("--access_token")]
    [InlineData("--private-key")]
    [InlineData("--passwd")]
    [InlineData("--pass")]
    [InlineData("-PASSWORD")]
    public void The_element_after_a_secret_flag_is_masked_and_the_rest_is_kept(string flag)
    {
        string[] masked = SecretArguments.Mask(new[] { "-y", "mcp-db", flag, "Qz8vR3pW7x", "--verbose" });

        Assert.Equal(new[] { "-y", "mcp-db", flag, "*****", "--verbose" }, masked);
    }

    [Theory]
    [InlineData("--password=Qz8vR3pW7x", "--password=*****")]
    [InlineData("--api-key=Qz8vR3pW7x", "--api-key=*****")]
    [InlineData("--db_token=Qz8vR3pW7x", "--db_token=*****")]
    public void A_secret_flag_given_its_value_after_an_equals_sign_keeps_the_flag(string arg, string expected)
    {
        Assert.Equal(new[] { "serve", expected }, SecretArguments.Mask(new[] { "serve", arg }));
    }

    [Theory]
    [InlineData("--token-file", "/run/secrets/token")]
    [InlineData("--password-env", "DB_PASSWORD")]
    [InlineData("--max-tokens", "4096")]
    [InlineData("--port", "5432")]
    [InlineData("-p", "8080")]
    [InlineData("--keyword", "search")]
    [InlineData("--bypass", "cache")]
    public void Flags_that_name_where_a_secret_is_kept_or_no_secret_at_all_leave_the_next_element_alone(string flag, string value)
    {
        Assert.Equal(new[] { flag, value }, SecretArguments.Mask(new[] { flag, value }));
    }

    [Fact]
    public void A_flag_after_a_secret_flag_is_shown_as_it_is_and_a_secret_flag_last_masks_nothing()
    {
        // mysql --password with no value asks for it; the next element is the next flag.
        Assert.Equal(new[] { "--password", "--host", "db" }, SecretArguments.Mask(new[] { "--password", "--host", "db" }));
        Assert.Equal(new[] { "serve", "--token" }, SecretArguments.Mask(new[] { "serve", "--token" }));
    }

    [Fact]
    public void Other_elements_still_go_through_the_text_rules()
    {
        string[] masked = SecretArguments.Mask(new[] { "postgresql://app:Qz8vR3pW7x@db/app", "-p", "Vx4kTq9mZp" });

        Assert.DoesNotContain(masked, a => a.Contains("Qz8vR3pW7x", StringComparison.Ordinal) || a.Contains("Vx4kTq9mZp", StringComparison.Ordinal));
        Assert.StartsWith("postgresql://app:", masked[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Mcp_servers_config_values_findings_and_diffs_never_show_it_and_IncludeSecret_does()
    {
        using var tree = new TempTree();
        string config = tree.WriteUserConfig("""
            [mcp_servers.db]
            command = "mysql-mcp"
            args = ["--user", "app", "--password", "Vx4kTq9mZp", "--api-key=Hq2nW8rT5y", "-p", "3306"]
            """);

        CodexMcpServer masked = Assert.Single(McpServerInventory.Read(tree.Load(), includeSecret: false).Servers);
        Assert.Equal(new[] { "--user", "app", "--password", "*****", "--api-key=*****", "-p", "3306" }, masked.Args);
        Assert.True(masked.SecretsMasked);
        CodexMcpServer clear = Assert.Single(McpServerInventory.Read(tree.Load(), includeSecret: true).Servers);
        Assert.Equal("Vx4kTq9mZp", clear.Args[3]);

        object? value = SecretValues.Mask(new[] { "mcp_servers", "db", "args" }, new object[] { "--password", "Vx4kTq9mZp" }, out bool wasMasked);
        Assert.True(wasMasked);
        Assert.Equal(new object[] { "--password", "*****" }, Assert.IsType<object?[]>(value));

        IReadOnlyList<CodexFinding> findings = ConfigurationAudit.Run(tree.Load(), new List<CodexIssue>())
            .Where(f => f.RuleId == AuditRuleIds.McpInlineSecret).ToList();
        Assert.Equal(2, findings.Count);
        Assert.All(findings, f => Assert.Equal(("db.args", 3), (f.Target, f.Line)));
        Assert.Contains(findings, f => f.Message.Contains("--password", StringComparison.Ordinal));
        Assert.Contains(findings, f => f.Message.Contains("--api-key", StringComparison.Ordinal));
        Assert.DoesNotContain(findings, f => f.Message.Contains("Vx4kTq9mZp", StringComparison.Ordinal) || f.Message.Contains("Hq2nW8rT5y", StringComparison.Ordinal));

        ConfigEdit edit = ConfigEdit.Open(config);
        edit.Set("mcp_servers.db.default_tools_approval_mode", "prompt");
        string diff = edit.Diff();
        Assert.Contains("\"--password\", \"*****\"", diff);
        Assert.DoesNotContain("Vx4kTq9mZp", diff);
        Assert.DoesNotContain("Hq2nW8rT5y", diff);
    }
}
