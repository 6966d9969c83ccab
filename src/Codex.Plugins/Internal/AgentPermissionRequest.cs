namespace Codex.Plugins.Commands;

/// <summary>What a custom agent asks for, as Test-CodexPermissionProfile checks it inside its parent's sandbox.</summary>
internal sealed record AgentPermissionRequest(string Name, string? DefaultPermissions, string? SandboxMode, string? File, int? Line);
