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
        WriteIssues(inventory.Issues.Where(i => selection.Shows(i) && names.Selects(i.Target, SkillInventory.SkillFolderOf(i.File))));
        WriteObject(inventory.Skills.Where(s => (Scope is null || Scope.Contains(s.Scope)) && selection.Selects(s.PluginId) && names.Matches(s.Name)), enumerateCollection: true);
        WriteIssues(names.Unmatched.Select(missing => inventory.NotFound(missing, stack.Environment)));
    }
}
