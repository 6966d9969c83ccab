using System.Management.Automation;
using Codex.Plugins.Configuration;
using Codex.Plugins.Diagnostics;
using Codex.Plugins.Plugins;
using Codex.Plugins.Skills;

namespace Codex.Plugins.Commands;

/// <summary>Gets the skills Codex loads, from every scope and enabled plugin, and whether it lists each for the model.</summary>
[Cmdlet(VerbsCommon.Get, "CodexSkill")]
[OutputType(typeof(CodexSkill))]
public sealed class GetCodexSkillCommand : CodexCommandBase
{
    private readonly SkillInventoryCache cache = new();

    /// <summary>Skill names (plugin:skill for plugin skills); wildcards allowed.</summary>
    // Not bound from the pipeline: a piped plugin's Name is the plugin's, not a skill's.
    [Parameter(Position = 0)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(SkillNameCompleter))]
    public string[]? Name { get; set; }

    /// <summary>Only skills of these scopes.</summary>
    [Parameter]
    public CodexSkillScope[]? Scope { get; set; }

    /// <summary>Only skills of these plugins (plugin@marketplace); binds from Get-CodexPlugin output.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [AllowNull]
    [AllowEmptyCollection]
    [ArgumentCompleter(typeof(PluginIdCompleter))]
    public string[]? PluginId { get; set; }

    protected override void ProcessRecord()
    {
        ConfigStack stack = LoadStack();
        var (_, inventory) = cache.Get(stack, this);
        var selection = new PluginSelection(PluginId, stack);
        var names = new NameFilter(Name);

        // Asked for by name: only the problems of the skill folders that could hold that skill.
        foreach (CodexIssue issue in inventory.Issues)
        {
            if (selection.Shows(issue) && names.Selects(issue.Target, SkillFolderOf(issue.File)))
            {
                WriteIssue(issue);
            }
        }

        foreach (CodexSkill skill in inventory.Skills)
        {
            if ((Scope is null || Scope.Contains(skill.Scope)) && selection.Selects(skill.PluginId) && names.Matches(skill.Name))
            {
                WriteObject(skill);
            }
        }

        foreach (string missing in names.Unmatched)
        {
            string hint = NameSuggestions.Hint(missing, inventory.Skills.Select(s => s.Name));
            WriteIssue(new CodexIssue(ErrorIds.SkillNotFound, IssueKind.NotFound, $"No skill named '{missing}' is loaded.{hint}",
                Path.Combine(stack.Environment.CodexHome, "skills"), Target: missing,
                RecommendedAction: "Run Get-CodexSkill without -Name to see every skill Codex loads, and its errors for those it refuses."));
        }
    }

    // A refused SKILL.md has no name Codex accepted: its folder is the name it would most likely have had.
    private static string? SkillFolderOf(string? file) =>
        file is null ? null : Path.GetFileName(string.Equals(Path.GetFileName(file), "SKILL.md", StringComparison.Ordinal) ? Path.GetDirectoryName(file) : file);
}
