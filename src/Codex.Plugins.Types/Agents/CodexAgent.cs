namespace Codex.Plugins;

/// <summary>A custom agent (subagent role): who it is, what it is told, and what it asks for.</summary>
public sealed class CodexAgent
{
    public string Name { get; init; } = string.Empty;

    public string? Description { get; init; }

    /// <summary>developer_instructions: what the agent is told.</summary>
    public string? Instructions { get; init; }

    /// <summary>null when the agent inherits the parent's model.</summary>
    public string? Model { get; init; }

    public string? ReasoningEffort { get; init; }

    /// <summary>The sandbox the file asks for; null when it inherits. Subagents never get more than the parent has.</summary>
    public string? SandboxMode { get; init; }

    /// <summary>default_permissions the file asks for, if any.</summary>
    public string? DefaultPermissions { get; init; }

    public string[] McpServers { get; init; } = Array.Empty<string>();

    /// <summary>[[skills.config]] selectors in the agent's file, as "path-or-name=enabled".</summary>
    public string[] Skills { get; init; } = Array.Empty<string>();

    public string[] NicknameCandidates { get; init; } = Array.Empty<string>();

    /// <summary>User ($CODEX_HOME/agents), Project (.codex/agents) or Config ([agents.NAME]).</summary>
    public string Scope { get; init; } = string.Empty;

    public string File { get; init; } = string.Empty;

    public int Line { get; init; }

    /// <summary>True when the name replaces a built-in agent (default, worker, explorer).</summary>
    public bool OverridesBuiltIn { get; init; }

    /// <summary>[agents] max_threads: how many agent threads may be open at once (default 6).</summary>
    public int MaxThreads { get; init; }

    public bool MaxThreadsIsDefault { get; init; }

    /// <summary>[agents] max_depth: how deep agents may spawn agents (default 1; the root is depth 0).</summary>
    public int MaxDepth { get; init; }

    public bool MaxDepthIsDefault { get; init; }

    public string CodexHome { get; init; } = string.Empty;

    public string ProjectPath { get; init; } = string.Empty;

    public override string ToString() => Name;
}
