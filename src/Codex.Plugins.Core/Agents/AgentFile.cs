using Codex.Plugins.Configuration;

namespace Codex.Plugins.Agents;

/// <summary>A custom agent file as read: one agent per file, loaded by Codex as a config layer for its sessions.</summary>
public sealed record AgentFile(string Path, string Scope, TomlTableNode Root)
{
    /// <summary>The agent's identity is its name field; the file name stands in when the field is missing.</summary>
    public string Name => Root.String("name") ?? System.IO.Path.GetFileNameWithoutExtension(Path);
}
