using System.Management.Automation.Runspaces;

namespace Codex.Plugins.Remoting;

/// <summary>One machine of a rollout: its name, its session (null when it could not be reached), and why not.</summary>
internal sealed record RemoteTarget(string Name, PSSession? Session, string? ConnectError);
