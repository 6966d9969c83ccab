using Codex.Plugins.Configuration;
using Codex.Plugins.Diagnostics;
using Codex.Plugins.Findings;
using Codex.Plugins.Tests.Support;

namespace Codex.Plugins.Tests.Findings;

public class ConfigurationAuditTests
{
    private static IReadOnlyList<CodexFinding> Audit(TempTree tree, string? profile = null) =>
        ConfigurationAudit.Run(tree.Load(profile: profile), new List<CodexIssue>());

    [Fact]
    public void A_config_codex_cannot_load_is_an_error_in_codexs_words_and_nothing_is_said_about_profiles()
    {
        using var tree = new TempTree();
        string config = tree.WriteUserConfig("[mcp_servers.db]\ncommand = \"x\"\nenv = { DSN = \"postgresql://app:hunter22@db/app\" }\n[broken\n");
        IReadOnlyList<CodexFinding> findings = Audit(tree);

        CodexFinding load = Assert.Single(findings, f => f.RuleId == AuditRuleIds.ConfigNotLoadable);
        Assert.Equal(FindingSeverity.Error, load.Severity);
        Assert.Contains("failed to load bootstrap configuration", load.Message);
        Assert.Equal(config, load.File);
        Assert.Equal(4, load.Line);
        Assert.DoesNotContain(findings, f => f.RuleId.StartsWith("CODEX-PERM", StringComparison.Ordinal));
        CodexFinding secret = Assert.Single(findings, f => f.RuleId == AuditRuleIds.McpInlineSecret);
        Assert.Equal(3, secret.Line);
        Assert.Equal("db.env.DSN", secret.Target);
        Assert.DoesNotContain("hunter22", secret.Message);
    }

    [Fact]
    public void A_codex_home_that_does_not_exist_or_is_a_file_is_an_error_and_nothing_else()
    {
        using var tree = new TempTree();
        string missing = Path.Combine(tree.Root, "nowhere");
        var env = new CodexEnvironment(missing, tree.UserHome, tree.System, tree.Project);
        CodexFinding gone = Assert.Single(ConfigurationAudit.Run(ConfigStack.Load(env), new List<CodexIssue>()));
        Assert.Equal(AuditRuleIds.ConfigNotLoadable, gone.RuleId);
        Assert.Contains("failed to resolve CODEX_HOME", gone.Message);
        Assert.Contains("does not exist", gone.Message);

        string file = tree.Write("afile", "x");
        CodexFinding notDir = Assert.Single(ConfigurationAudit.Run(ConfigStack.Load(new CodexEnvironment(file, tree.UserHome, tree.System, tree.Project)), new List<CodexIssue>()));
        Assert.Contains("is not a directory", notDir.Message);
    }

    [Fact]
    public void Inline_secrets_are_found_by_value_and_by_key_in_disabled_servers_and_profile_files_at_the_value_line()
    {
        using var tree = new TempTree();
        string config = tree.WriteUserConfig(
            "[mcp_servers.db]\ncommand = \"pg-mcp\"\nenabled = false\nenabled_tools = [\"q\"]\n\n[mcp_servers.db.env]\nLOG = \"debug\"\nDATABASE_URL = \"postgresql://user:pass@host/db\"\n" +
            "\n[mcp_servers.api]\nurl = \"https://api.example.com/mcp\"\nenabled_tools = [\"q\"]\nbearer_token_env_var = \"API_TOKEN\"\nhttp_headers = { \"X-Api-Key\" = \"k-123456\" }\n");
        string work = tree.Write("home/.codex/work.config.toml", "[mcp_servers.gh]\ncommand = \"gh-mcp\"\nenabled_tools = [\"q\"]\nargs = [\"--token\", \"ghp_abcdefghijklmnopqrstuvwxyz0123456789\"]\n");
        IReadOnlyList<CodexFinding> secrets = Audit(tree).Where(f => f.RuleId == AuditRuleIds.McpInlineSecret).ToList();

        Assert.Contains(secrets, f => f.Target == "db.env.DATABASE_URL" && f.File == config && f.Line == 8);
        Assert.Contains(secrets, f => f.Target == "api.http_headers.X-Api-Key" && f.Line == 14);
        Assert.Contains(secrets, f => f.Target == "gh.args" && f.File == work && f.Line == 4 && f.Profile == "work");
        Assert.DoesNotContain(secrets, f => f.Target.EndsWith("LOG", StringComparison.Ordinal) || f.Target.Contains("bearer_token_env_var", StringComparison.Ordinal));
        Assert.Equal(3, secrets.Count);
    }

    [Fact]
    public void Inline_secrets_outside_mcp_servers_are_found_by_name_or_value_and_plain_settings_beside_them_are_not()
    {
        using var tree = new TempTree();
        tree.WriteUserConfig(
            "[model_providers.corp]\nname = \"Corp\"\nbase_url = \"https://llm.example.com/v1\"\nexperimental_bearer_token = \"Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MGFi\"\n" +
            "query_params = { \"api-version\" = \"2025-01-01\", sig = \"AbC123dEf456GhI789jKl012MnO345pQr678StU9\" }\n" +
            "\n[shell_environment_policy]\nset = { GITHUB_TOKEN = \"ghp_R4nd0mL00k1ngT0k3nV4lu3AbCdEfGhIjKl\", LANG = \"C.UTF-8\" }\n" +
            "\n[otel.exporter.otlp-http]\nendpoint = \"https://otel.example.com\"\nheaders = { authorization = \"Basic dXNlcjpwYXNzd29yZDEyMw==\", \"x-tenant\" = \"blue\" }\n");
        IReadOnlyList<string> targets = Audit(tree).Where(f => f.RuleId == AuditRuleIds.ConfigInlineSecret).Select(f => f.Target!).Order(StringComparer.Ordinal).ToList();

        Assert.Equal(new[]
        {
            "model_providers.corp.experimental_bearer_token",
            "model_providers.corp.query_params.sig",
            "otel.exporter.otlp-http.headers.authorization",
            "shell_environment_policy.set.GITHUB_TOKEN",
        }, targets);
    }

    [Theory]
    [InlineData("default_tools_approval_mode = \"approve\"", FindingSeverity.Error)]
    [InlineData("default_tools_approval_mode = \"auto\"", FindingSeverity.Warning)]
    [InlineData("", FindingSeverity.Warning)]
    [InlineData("default_tools_approval_mode = \"prompt\"", null)]
    [InlineData("default_tools_approval_mode = \"writes\"", null)]
    [InlineData("default_tools_approval_mode = \"approve\"\nenabled_tools = [\"read\"]", null)]
    public void Approval_is_ranked_by_what_codex_does_approve_without_an_allow_list_is_the_widest(string setting, FindingSeverity? expected)
    {
        using var tree = new TempTree();
        tree.WriteUserConfig($"default_permissions = \":read-only\"\n[mcp_servers.s]\ncommand = \"x\"\n{setting}\n");
        CodexFinding? finding = Audit(tree).SingleOrDefault(f => f.RuleId == AuditRuleIds.McpAutoApprovalWithoutAllowList);
        Assert.Equal(expected, finding?.Severity);
    }

    [Fact]
    public void Agents_and_skills_codex_refuses_become_findings()
    {
        using var tree = new TempTree();
        tree.WriteUserConfig("");
        string agent = tree.Write("home/.codex/agents/half.toml", "name = \"half\"\n");
        string skill = tree.Write("home/.codex/skills/bad/SKILL.md", "---\nname: bad\ndescription: \"unclosed\n---\nBody\n");
        IReadOnlyList<CodexFinding> findings = Audit(tree);
        Assert.Contains(findings, f => f.RuleId == AuditRuleIds.AgentNotLoaded && f.File == agent);
        Assert.Contains(findings, f => f.RuleId == AuditRuleIds.SkillNotLoaded && f.File == skill);
    }

    [Fact]
    public void A_run_over_all_profiles_reports_each_finding_once_and_names_the_profile_it_came_from()
    {
        using var tree = new TempTree();
        tree.WriteUserConfig("[agents]\nmax_threads = 9\n");
        tree.Write("home/.codex/deep.config.toml", "[agents]\nmax_depth = 4\n");
        tree.Write("home/.codex/other.config.toml", "model = \"gpt-5\"\n");
        IReadOnlyList<string> profiles = ConfigProfiles.Names(tree.Environment());
        Assert.Equal(new[] { "deep", "other" }, profiles);

        IReadOnlyList<CodexFinding> findings = ConfigurationAudit.RunProfiles(tree.Environment(), new string?[] { null }.Concat(profiles), new List<CodexIssue>());
        CodexFinding threads = Assert.Single(findings, f => f.RuleId == AuditRuleIds.AgentThreadFanOut);
        Assert.Null(threads.Profile);
        CodexFinding depth = Assert.Single(findings, f => f.RuleId == AuditRuleIds.AgentDepthFanOut);
        Assert.Equal("deep", depth.Profile);
        Assert.Equal(findings.Count, findings.Select(f => f.Identity).Distinct().Count());
    }

    [Fact]
    public void Suppressions_parse_from_fields_and_mark_findings_instead_of_dropping_them()
    {
        FindingSuppression keep = FindingSuppressions.Parse(n => n switch { "RuleId" => "CODEX-AGENT-001", "Target" => "agents.*", "Reason" => "batch host", _ => null });
        FindingSuppression old = FindingSuppressions.Parse(n => n switch { "RuleId" => "CODEX-AGENT-002", "Reason" => "was fine", "Expires" => "2020-01-01", _ => null });
        var issue = Assert.Throws<CodexIssueException>(() => FindingSuppressions.Parse(n => n == "RuleId" ? "CODEX-AGENT-001" : null));
        Assert.Equal(ErrorIds.SuppressionInvalid, issue.Issue.ErrorId);

        var findings = new[]
        {
            new CodexFinding("CODEX-AGENT-001", FindingSeverity.Warning, "m", "agents.max_threads", null, null, "r"),
            new CodexFinding("CODEX-AGENT-002", FindingSeverity.Warning, "m", "agents.max_depth", null, null, "r"),
        };
        IReadOnlyList<CodexFinding> judged = FindingSuppressions.Apply(findings, new[] { keep, old }, DateTime.Now, out var expired);
        Assert.True(judged[0].Suppressed);
        Assert.Equal("batch host", judged[0].SuppressionReason);
        Assert.False(judged[1].Suppressed);
        Assert.Same(old, Assert.Single(expired));
    }
}
