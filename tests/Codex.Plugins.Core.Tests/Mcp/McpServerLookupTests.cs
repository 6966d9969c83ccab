using Codex.Plugins.Diagnostics;
using Codex.Plugins.Mcp;
using Codex.Plugins.Tests.Support;

namespace Codex.Plugins.Tests.Mcp;

public class McpServerLookupTests
{
    [Fact]
    public void A_config_server_is_found_by_its_exact_name_and_a_near_miss_names_it_as_a_hint()
    {
        using var t = new TempTree();
        t.WriteUserConfig("[mcp_servers.docs]\ncommand = \"codex-mcp\"\n[mcp_servers.web]\nurl = \"https://x/\"\n");
        var lookup = new McpServerLookup();

        CodexMcpServer docs = lookup.Find(t.Load(), "docs", pluginId: null, agentName: null);
        Assert.Equal("docs", docs.Name);
        Assert.Equal("docs", McpServerLookup.Item(docs));

        var missing = Assert.Throws<CodexIssueException>(() => lookup.Find(t.Load(), "Docs", pluginId: "", agentName: ""));
        Assert.Equal(ErrorIds.McpServerNotFound, missing.Issue.ErrorId);
        Assert.Equal("Docs", missing.Issue.Target);
        Assert.Contains("docs", missing.Issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_custom_agents_server_is_found_only_through_its_agent_and_named_AGENT_slash_NAME()
    {
        using var t = new TempTree();
        t.Write("home/.codex/agents/reviewer.toml", "name = \"reviewer\"\ndescription = \"reviews\"\ndeveloper_instructions = \"review\"\n[mcp_servers.lint]\ncommand = \"lint-mcp\"\n");
        var lookup = new McpServerLookup();

        CodexMcpServer lint = lookup.Find(t.Load(), "lint", pluginId: null, agentName: "reviewer");
        Assert.Equal("reviewer", lint.AgentName);
        Assert.Equal("reviewer/lint", McpServerLookup.Item(lint));
        Assert.Equal(new[] { "reviewer/lint" }, McpServerLookup.ReadBack(t.Load(), new[] { "reviewer/lint" }).Select(McpServerLookup.Item));

        var notAtTopLevel = Assert.Throws<CodexIssueException>(() => lookup.Find(t.Load(), "lint", pluginId: null, agentName: null));
        Assert.Equal(ErrorIds.McpServerNotFound, notAtTopLevel.Issue.ErrorId);
        var otherAgent = Assert.Throws<CodexIssueException>(() => lookup.Find(t.Load(), "lint", pluginId: null, agentName: "writer"));
        Assert.Contains("custom agent 'writer'", otherAgent.Issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_change_that_changes_nothing_or_names_tools_without_a_mode_is_refused()
    {
        Assert.Equal("Mode", Assert.Throws<CodexIssueException>(() => McpApprovalChange.From(null, null, null, null)).Issue.Target);
        Assert.Equal("Tool", Assert.Throws<CodexIssueException>(() => McpApprovalChange.From(null, new[] { "search" }, new[] { "search" }, null)).Issue.Target);
        Assert.Equal("prompt", McpApprovalChange.From("Prompt", null, null, null).Mode);
        Assert.Empty(McpApprovalChange.From(null, null, Array.Empty<string>(), null).EnabledTools!);
    }
}
