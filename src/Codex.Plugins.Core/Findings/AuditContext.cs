using Codex.Plugins.Agents;
using Codex.Plugins.Configuration;
using Codex.Plugins.Diagnostics;
using Codex.Plugins.Hooks;
using Codex.Plugins.Mcp;
using Codex.Plugins.Permissions;
using Codex.Plugins.Plugins;
using Codex.Plugins.Skills;
using Codex.Plugins.Versions;

namespace Codex.Plugins.Findings;

/// <summary>
/// One audit's view of one configuration stack: what several providers read (the permission resolver, agent files,
/// plugins) is read once and shared, and the problems met while reading are collected for the caller.
/// </summary>
public sealed class AuditContext
{
    private readonly Lazy<PermissionResolver> permissions;
    private readonly Lazy<IReadOnlyList<AgentFile>> agentFiles;
    private readonly Lazy<IReadOnlyList<CodexAgent>> agents;
    private readonly Lazy<PluginInventory> plugins;
    private readonly Lazy<McpServerInventory> mcpServers;
    private readonly Lazy<SkillInventory> skills;
    private readonly Lazy<HookInventory> hooks;
    private readonly Lazy<CodexInstallation> codex;

    /// <param name="codex">The release to answer for; found on first use when not given (only some rules ask).</param>
    public AuditContext(ConfigStack stack, List<CodexIssue> issues, CodexInstallation? codex = null, IReadOnlyList<string>? workspaceRoots = null)
    {
        Stack = stack;
        Issues = issues;
        this.codex = new Lazy<CodexInstallation>(() => codex ?? CodexInstallationLocator.Find(stack.Environment));
        permissions = new Lazy<PermissionResolver>(() => new PermissionResolver(stack, workspaceRoots));
        AgentIssues = new List<CodexIssue>();
        agentFiles = new Lazy<IReadOnlyList<AgentFile>>(() => AgentFileLocator.Read(stack, AgentIssues));
        agents = new Lazy<IReadOnlyList<CodexAgent>>(() => AgentReader.Read(stack, AgentFiles, AgentIssues));
        plugins = new Lazy<PluginInventory>(() =>
        {
            PluginInventory read = PluginInventory.Read(stack, includeAvailable: false);
            issues.AddRange(read.Issues);
            return read;
        });
        mcpServers = new Lazy<McpServerInventory>(() => McpServerInventory.Read(stack, includeSecret: false, AgentFileLocator.McpServers(AgentFiles)));
        skills = new Lazy<SkillInventory>(() => SkillInventory.Read(stack, Plugins.Plugins));
        hooks = new Lazy<HookInventory>(() =>
        {
            HookInventory read = HookInventory.Read(stack);
            issues.AddRange(read.Issues);
            return read;
        });
    }

    public ConfigStack Stack { get; }

    /// <summary>The Codex release the audit answers for (its model catalog sets the skill budget).</summary>
    public CodexInstallation Codex => codex.Value;

    /// <summary>Problems met while reading, which the caller reports as errors or warnings.</summary>
    public List<CodexIssue> Issues { get; }

    /// <summary>Problems with custom agent files: the agent provider turns the refusals into findings.</summary>
    public List<CodexIssue> AgentIssues { get; }

    public PermissionResolver Permissions => permissions.Value;

    public IReadOnlyList<AgentFile> AgentFiles => agentFiles.Value;

    /// <summary>The custom agents Codex loads (refused files are in <see cref="AgentIssues"/>).</summary>
    public IReadOnlyList<CodexAgent> Agents => agents.Value;

    public PluginInventory Plugins => plugins.Value;

    /// <summary>Every MCP server, agents' own included; its issues are the MCP provider's to report.</summary>
    public McpServerInventory McpServers => mcpServers.Value;

    /// <summary>Every skill, loaded or refused (its refusals are the skill provider's to report).</summary>
    public SkillInventory Skills => skills.Value;

    /// <summary>Every hook; the problems met reading them are in <see cref="Issues"/>.</summary>
    public HookInventory Hooks => hooks.Value;
}
