namespace Codex.Plugins.Hooks.Execution;

/// <summary>Which environment a hook under test gets.</summary>
public sealed class HookEnvironmentOptions
{
    /// <summary>Variables to add (or override) for every hook of the run.</summary>
    public IReadOnlyDictionary<string, string> Add { get; init; } = new Dictionary<string, string>();

    /// <summary>Pass the caller's whole environment (what Invoke-CodexHook did before; an admin's tokens included).</summary>
    public bool PassAll { get; init; }
}
