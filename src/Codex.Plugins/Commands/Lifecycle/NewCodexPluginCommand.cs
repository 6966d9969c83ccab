using System.Collections;
using System.Management.Automation;
using Codex.Plugins.Diagnostics;
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

        var hooks = new List<PluginHookDefinition>();
        foreach (object item in Hook ?? Array.Empty<object>())
        {
            if (HookOf(item) is { } hook)
            {
                hooks.Add(hook);
            }
            else
            {
                WriteIssue(new CodexIssue(ErrorIds.PluginPartInvalid, IssueKind.InvalidData,
                    $"'{item}' is not a hook: give Get-CodexHook output or a hashtable with Event and Command.", null, Target: item.ToString()));
                return;
            }
        }

        string parent = Path is null ? SessionState.Path.CurrentFileSystemLocation.ProviderPath : GetUnresolvedProviderPathFromPSPath(Path);
        var request = new PluginScaffoldRequest
        {
            Name = Name,
            Version = Version,
            Description = Description,
            Author = Author,
            DisplayName = DisplayName,
            Category = Category,
            Keywords = Keyword ?? Array.Empty<string>(),
            SkillFolders = (Skill ?? Array.Empty<object>()).Select(SkillFolderOf).ToArray(),
            McpServers = McpServer ?? Array.Empty<CodexMcpServer>(),
            Hooks = hooks.ToArray(),
        };
        PluginScaffold plan = PluginScaffold.Plan(request, parent);
        if (plan.Problems.Count > 0)
        {
            foreach (CodexIssue problem in plan.Problems)
            {
                WriteIssue(problem);
            }

            return;
        }

        string files = string.Join(Environment.NewLine, plan.Files.Select(f => "  " + f.RelativePath));
        if (!ShouldProcess($"Create the plugin folder {plan.Root} with:{Environment.NewLine}{files}", $"Create the plugin folder {plan.Root}?", "New Codex plugin"))
        {
            return;
        }

        try
        {
            plan.Write();
        }
        catch (CodexIssueException ex)
        {
            WriteIssue(ex.Issue);
            return;
        }

        WriteObject(PluginCheck.Run(plan.Root, null, null, ResolveEnvironment()));
    }

    private string SkillFolderOf(object item)
    {
        object value = item is PSObject ps ? ps.BaseObject : item;
        return value switch
        {
            CodexSkill skill => System.IO.Path.GetDirectoryName(skill.Path)!,
            FileSystemInfo info => info.FullName,
            string text => GetUnresolvedProviderPathFromPSPath(text),
            _ => PSObject.AsPSObject(item).Properties["Path"]?.Value is string p ? System.IO.Path.GetDirectoryName(p)! : item.ToString()!,
        };
    }

    private static PluginHookDefinition? HookOf(object item)
    {
        object value = item is PSObject ps ? ps.BaseObject : item;
        if (value is CodexHook hook && (hook.ConfiguredCommand ?? hook.Command) is { } command)
        {
            return new PluginHookDefinition(hook.Event, hook.Matcher, command, hook.TimeoutSec, hook.StatusMessage);
        }

        string? Field(string name) => value is IDictionary map
            ? map.Keys.Cast<object>().FirstOrDefault(k => string.Equals(k.ToString(), name, StringComparison.OrdinalIgnoreCase)) is { } key ? map[key]?.ToString() : null
            : PSObject.AsPSObject(item).Properties[name]?.Value?.ToString();

        string? hookEvent = Field("Event");
        string? hookCommand = Field("Command");
        if (hookEvent is null || hookCommand is null)
        {
            return null;
        }

        string? timeout = Field("Timeout") ?? Field("TimeoutSec");
        return new PluginHookDefinition(hookEvent, Field("Matcher"), hookCommand, long.TryParse(timeout, out long t) ? t : null, Field("StatusMessage"));
    }
}
