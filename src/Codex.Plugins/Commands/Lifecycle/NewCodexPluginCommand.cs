using Codex.Plugins.Internal;
using Codex.Plugins.Plugins.Lifecycle;

namespace Codex.Plugins.Commands;

/// <summary>Packages skills, MCP servers and hooks as a plugin folder laid out as the curated marketplace's.</summary>
[Cmdlet(VerbsCommon.New, "CodexPlugin", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(CodexPluginTestResult))]
public sealed class NewCodexPluginCommand : CodexCommandBase
{
    /// <summary>The plugin's name (ASCII letters, digits, '-' and '_'), also its folder's name.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string Name { get; set; } = string.Empty;

    /// <summary>The folder the plugin folder is created in. Default: the current location.</summary>
    [Parameter(Position = 1, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string? Path { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string Version { get; set; } = "0.1.0";

    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string? Description { get; set; }

    /// <summary>The author (author.name and interface.developerName).</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string? Author { get; set; }

    [Parameter]
    public string? DisplayName { get; set; }

    [Parameter]
    public string? Category { get; set; }

    [Parameter]
    public string[]? Keyword { get; set; }

    /// <summary>Skill folders (or their SKILL.md), or Get-CodexSkill objects.</summary>
    [Parameter]
    public object[]? Skill { get; set; }

    /// <summary>Get-CodexMcpServer objects; env values and header values become environment variable references.</summary>
    [Parameter]
    public CodexMcpServer[]? McpServer { get; set; }

    /// <summary>Get-CodexHook objects, or hashtables with Event, Command and optionally Matcher and Timeout.</summary>
    [Parameter]
    public object[]? Hook { get; set; }

    protected override void ProcessRecord()
    {
        if (PluginScaffold.ValidateIdentity(Name, Version) is { } bad)
        {
            ThrowIssue(bad);
        }

        PluginHookDefinition[] hooks = Array.Empty<PluginHookDefinition>();
        if (!TryItem(() => hooks = PluginPartInput.Hooks(Hook ?? Array.Empty<object>())))
        {
            return;
        }

        string parent = ProviderPath(Path) ?? SessionState.Path.CurrentFileSystemLocation.ProviderPath;
        var request = new PluginScaffoldRequest
        {
            Name = Name,
            Version = Version,
            Description = Description,
            Author = Author,
            DisplayName = DisplayName,
            Category = Category,
            Keywords = Keyword ?? Array.Empty<string>(),
            SkillFolders = (Skill ?? Array.Empty<object>()).Select(item => PluginPartInput.SkillFolder(item, GetUnresolvedProviderPathFromPSPath)).ToArray(),
            McpServers = McpServer ?? Array.Empty<CodexMcpServer>(),
            Hooks = hooks,
        };
        PluginScaffold plan = PluginScaffold.Plan(request, parent);
        WriteIssues(plan.Problems);
        string files = string.Join(Environment.NewLine, plan.Files.Select(f => "  " + f.RelativePath));
        if (plan.Problems.Count == 0
            && ShouldProcess($"Create the plugin folder {plan.Root} with:{Environment.NewLine}{files}", $"Create the plugin folder {plan.Root}?", "New Codex plugin")
            && TryItem(plan.Write))
        {
            WriteObject(PluginCheck.Run(plan.Root, null, null, ResolveEnvironment()));
        }
    }
}
