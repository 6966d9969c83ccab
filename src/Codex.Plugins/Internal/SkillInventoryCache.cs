using Codex.Plugins.Plugins;
using Codex.Plugins.Skills;

namespace Codex.Plugins.Commands;

/// <summary>
/// One scan per environment for the life of a command: piping twenty plugins into Get-CodexSkill reads the skills
/// once, not twenty times.
/// </summary>
internal sealed class SkillInventoryCache
{
    private ConfigStack? stack;
    private IReadOnlyList<CodexPlugin>? plugins;
    private SkillInventory? inventory;

    public (IReadOnlyList<CodexPlugin> Plugins, SkillInventory Inventory) Get(ConfigStack current, Cmdlet command)
    {
        if (!ReferenceEquals(stack, current) || inventory is null || plugins is null)
        {
            var progress = new ProgressRecord(2, "Reading Codex skills", "Scanning skill roots");
            command.WriteProgress(progress);
            plugins = PluginInventory.Read(current, includeAvailable: false).Plugins;
            inventory = SkillInventory.Read(current, plugins, (done, total) =>
            {
                if (total >= 200)
                {
                    progress.StatusDescription = $"Skill {done} of {total}";
                    progress.PercentComplete = done * 100 / total;
                    command.WriteProgress(progress);
                }
            });
            progress.RecordType = ProgressRecordType.Completed;
            command.WriteProgress(progress);
            stack = current;
        }

        return (plugins, inventory);
    }
}
