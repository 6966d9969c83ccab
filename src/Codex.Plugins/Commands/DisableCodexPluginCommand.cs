namespace Codex.Plugins.Commands;

/// <summary>Disables installed Codex plugins: [plugins."p@m"] enabled = false (their skills, MCP servers and hooks stop loading).</summary>
[Cmdlet(VerbsLifecycle.Disable, "CodexPlugin", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(CodexPlugin))]
public sealed class DisableCodexPluginCommand : PluginStateCommandBase
{
    protected override bool Enabled => false;
}
