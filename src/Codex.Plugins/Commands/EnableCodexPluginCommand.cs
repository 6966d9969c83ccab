namespace Codex.Plugins.Commands;

/// <summary>Enables installed Codex plugins: [plugins."p@m"] enabled = true.</summary>
[Cmdlet(VerbsLifecycle.Enable, "CodexPlugin", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(CodexPlugin))]
public sealed class EnableCodexPluginCommand : PluginStateCommandBase
{
    protected override bool Enabled => true;
}
