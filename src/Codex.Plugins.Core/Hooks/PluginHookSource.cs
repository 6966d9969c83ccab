using Codex.Plugins.Configuration;

namespace Codex.Plugins.Hooks;

/// <summary>
/// One place a plugin declares hooks: a hooks file (<see cref="Inline"/> null), or an inline object of the manifest's
/// "hooks" (<see cref="File"/> is then the manifest). <see cref="Relative"/> is the part of the hook key that names it.
/// </summary>
public sealed record PluginHookSource(string Relative, string File, TomlTableNode? Inline);
