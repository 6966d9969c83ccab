using Codex.Plugins.Mcp;

namespace Codex.Plugins.Plugins.Lifecycle;

/// <summary>What checking a plugin found it holds and reaches, gathered while its parts and files are read.</summary>
internal sealed class PluginCheckContents
{
    public PluginCheckContents(string target) => Target = target;

    public string Target { get; }

    public List<CodexSkill> Skills { get; } = new();

    public List<CodexMcpServer> Servers { get; } = new();

    public List<CodexHook> Hooks { get; } = new();

    public List<string> Apps { get; } = new();

    public SortedSet<string> Hosts { get; } = new(StringComparer.Ordinal);

    public SortedSet<string> Commands { get; } = new(StringComparer.Ordinal);

    public SortedSet<string> EnvVars { get; } = new(StringComparer.Ordinal);

    public List<string> NetworkReasons { get; } = new();

    public int SecretCount { get; set; }
}
