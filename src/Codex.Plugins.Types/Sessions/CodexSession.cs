namespace Codex.Plugins;

/// <summary>
/// One session rollout file as Get-CodexSession lists it: who ran it, where, with what, and how it relates to other
/// sessions (a subagent names its parent). Read from the file's first lines and its last line only.
/// </summary>
public sealed class CodexSession
{
    /// <summary>The thread id (session_meta.id; the uuid in the file name when the meta line is missing).</summary>
    public string Id { get; init; } = string.Empty;

    /// <summary>When the session started (session_meta.timestamp, else the first line's).</summary>
    public DateTime? Start { get; init; }

    /// <summary>The timestamp of the last complete line: when the session last wrote.</summary>
    public DateTime? End { get; init; }

    public TimeSpan? Duration => Start is { } s && End is { } e && e >= s ? e - s : null;

    public string? Cwd { get; init; }

    public string? CliVersion { get; init; }

    /// <summary>codex_exec, codex_cli_rs, codex_vscode, ...</summary>
    public string? Originator { get; init; }

    /// <summary>exec, cli, vscode, mcp, subagent ...: what started the session.</summary>
    public string? Source { get; init; }

    /// <summary>The model of the first turn (turn_context.model).</summary>
    public string? Model { get; init; }

    public string? ModelProvider { get; init; }

    /// <summary>
    /// The agent role: "main" for a session a person or job started, the subagent's role for a spawned one
    /// ("default" when Codex spawned its default agent).
    /// </summary>
    public string Role { get; init; } = SessionRoles.Main;

    /// <summary>The name Codex gave a subagent (agent_nickname).</summary>
    public string? AgentNickname { get; init; }

    /// <summary>The session that spawned this one, for a subagent.</summary>
    public string? ParentSessionId { get; init; }

    /// <summary>The top session of the tree this one belongs to (session_meta.session_id in newer versions).</summary>
    public string? RootSessionId { get; init; }

    /// <summary>0 for a main session, 1 for its subagents, and so on.</summary>
    public int Depth { get; init; }

    public string File { get; init; } = string.Empty;

    public long Size { get; init; }

    /// <summary>Whether the file lies under archived_sessions/.</summary>
    public bool IsArchived { get; init; }

    /// <summary>The machine the rollout was read on (or the one -Machine names for copied rollouts).</summary>
    public string Machine { get; init; } = Environment.MachineName;

    public override string ToString() => Id;
}
