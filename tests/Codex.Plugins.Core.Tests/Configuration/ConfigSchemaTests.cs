using Codex.Plugins.Configuration;
using Codex.Plugins.Configuration.Schema;
using Codex.Plugins.Diagnostics;
using Codex.Plugins.Findings;
using Codex.Plugins.Tests.Support;

namespace Codex.Plugins.Tests.Configuration;

/// <summary>The types Codex reads config.toml into: what serde refuses is refused with its words, key and line; what Codex ignores is not.</summary>
public class ConfigSchemaTests
{
    private static List<CodexIssue> Check(string toml) =>
        ConfigSchemaCheck.Check(TomlFileReader.ParseText(toml, "/cfg/config.toml").Root).ToList();

    [Theory]
    [InlineData("approval_policy = \"sometimes\"", "unknown variant `sometimes`, expected one of `untrusted`, `on-failure`, `on-request`, `granular`, `never` in `approval_policy`")]
    [InlineData("[history]\npersistence = \"forever\"", "unknown variant `forever`, expected `save-all` or `none` in `history.persistence`")]
    [InlineData("model = 5", "invalid type: integer `5`, expected a string in `model`")]
    [InlineData("model_context_window = 1.5", "invalid type: floating point `1.5`, expected i64 in `model_context_window`")]
    [InlineData("notify = \"say hi\"", "invalid type: string \"say hi\", expected a sequence in `notify`")]
    [InlineData("[agents]\njob_max_runtime_seconds = -1", "invalid value: integer `-1`, expected u64 in `agents.job_max_runtime_seconds`")]
    [InlineData("[tui]\nnotifications = 3", "data did not match any variant of untagged enum Notifications in `tui.notifications`")]
    [InlineData("[projects.\"/x\"]\ntrust_level = \"maybe\"", "unknown variant `maybe`, expected `trusted` or `untrusted` in `projects.\"/x\".trust_level`")]
    [InlineData("[[hooks.PreToolUse]]\n[[hooks.PreToolUse.hooks]]\ntype = \"command\"", "missing field `command` in `hooks.PreToolUse[0].hooks[0]`", 2)]
    [InlineData("[approval_policy.granular]\nrules = true\nsandbox_approval = true", "missing field `mcp_elicitations` in `approval_policy.granular`", 1)]
    [InlineData("[features]\nhooks = \"yes\"", "invalid type: string \"yes\", expected a boolean in `features.hooks`")]
    [InlineData("[agents.reviewer]\ndescription = 3", "invalid type: integer `3`, expected a string in `agents.reviewer.description`")]
    public void A_value_codex_refuses_is_an_issue_in_serdes_words_at_its_key(string toml, string message, int line = 0)
    {
        CodexIssue issue = Assert.Single(Check(toml));
        Assert.Equal(ErrorIds.ConfigValueInvalid, issue.ErrorId);
        Assert.Equal(message, issue.Message);
        Assert.Equal("/cfg/config.toml", issue.File);
        // The value's own line; a missing field is its table's fault.
        Assert.Equal(line == 0 ? toml.Split('\n').Length : line, issue.Line);
    }

    [Theory]
    [InlineData("totally_unknown_key = 1")]
    [InlineData("[features]\nnot_a_feature = true")]
    [InlineData("[sandbox_workspace_write]\nfoo = 1")]
    [InlineData("model = 1979-05-27")]
    [InlineData("[mcp_servers.x]\ncommand = 3")]
    [InlineData("[approval_policy.granular]\nmcp_elicitations = true\nrules = true\nsandbox_approval = false")]
    [InlineData("[tools]\nweb_search = true")]
    [InlineData("[tui]\nnotifications = [\"agent-turn-complete\"]")]
    [InlineData("[otel.exporter.otlp-http]\nendpoint = \"https://otel.example.com\"\nprotocol = \"json\"")]
    [InlineData("[[hooks.NotAnEvent]]\nmatcher = 3")]
    [InlineData("[agents]\nmax_threads = 4\n[agents.reviewer]\ndescription = \"reviews\"")]
    public void What_codex_ignores_or_accepts_is_no_issue(string toml) => Assert.Empty(Check(toml));

    [Fact]
    public void A_mistyped_value_is_masked_in_the_message()
    {
        CodexIssue issue = Assert.Single(Check("model = \"gpt-5\"\n[tui]\nnotifications = \"ghp_0123456789abcdefghijklmnopqrstuvwxyzAB\""));
        Assert.DoesNotContain("ghp_0123456789abcdefghijklmnopqrstuvwxyzAB", issue.Message);
    }

    [Theory]
    [InlineData("default_permissions = \"ghost\"", "default_permissions requires a `[permissions]` table", 1)]
    [InlineData("default_permissions = \"ghost\"\n[permissions.other]\nextends = \":read-only\"", "default_permissions refers to undefined profile `ghost`", 1)]
    [InlineData("[permissions.p]\nextends = \":workspace\"", "config defines `[permissions]` profiles but does not set `default_permissions`", 1)]
    [InlineData("default_permissions = \"p\"\n[permissions.p]\nextends = \"zz\"", "permissions profile `p` extends undefined profile `zz`", 3)]
    [InlineData("[agents]\nmax_threads = 0", "agents.max_concurrent_threads_per_session must be at least 1", 2)]
    public void A_session_codex_cannot_build_is_an_error_finding_of_the_later_phase(string toml, string words, int line)
    {
        using var tree = new TempTree();
        string config = tree.WriteUserConfig(toml);
        IReadOnlyList<CodexFinding> findings = ConfigurationAudit.Run(tree.Load(), new List<CodexIssue>());
        CodexFinding load = Assert.Single(findings, f => f.RuleId == AuditRuleIds.ConfigNotLoadable);
        Assert.Contains("failed to load configuration: ", load.Message);
        Assert.Contains(words, load.Message);
        Assert.Equal(config, load.File);
        Assert.Equal(line, load.Line);
        Assert.DoesNotContain(findings, f => f.RuleId.StartsWith("CODEX-PERM", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("default_permissions = \":workspace\"\n[permissions.q]\nextends = \":read-only\"")]
    [InlineData("sandbox_mode = \"read-only\"\n[permissions.q]\nextends = \":read-only\"")]
    [InlineData("default_permissions = \"p\"\n[permissions.p]\nextends = \":workspace\"\n[permissions.q]\nextends = \"zz\"")]
    [InlineData("[agents]\nmax_depth = 0")]
    public void A_session_codex_builds_is_no_load_finding(string toml)
    {
        using var tree = new TempTree();
        tree.WriteUserConfig(toml);
        Assert.DoesNotContain(ConfigurationAudit.Run(tree.Load(), new List<CodexIssue>()), f => f.RuleId == AuditRuleIds.ConfigNotLoadable);
    }
}
