using Codex.Plugins.Plugins;

namespace Codex.Plugins.Commands;

/// <summary>Enable-CodexPlugin and Disable-CodexPlugin: [plugins."p@m"] enabled = true or false.</summary>
public abstract class PluginStateCommandBase : PluginChangeCommandBase
{
    private readonly InstalledPluginLookup plugins = new();

    /// <summary>Plugin ids (plugin@marketplace), or the name of one installed plugin; bound from Get-CodexPlugin output.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(PluginNameCompleter))]
    public override string[] PluginId { get; set; } = Array.Empty<string>();

    /// <summary>The state to write.</summary>
    protected abstract bool Enabled { get; }

    protected override bool ReadsAvailable => false;

    protected override void Change(ConfigStack stack, string id)
    {
        PluginKey key = plugins.Find(stack, id);
        Stage(stack, TargetFile(stack), PluginStateEdit.Describe(key, Enabled), key.ToString(), PluginStateEdit.Steps(key, Enabled));
    }
}
