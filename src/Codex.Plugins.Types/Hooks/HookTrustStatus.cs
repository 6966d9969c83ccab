namespace Codex.Plugins;

/// <summary>Whether Codex trusts a hook handler, as app-server hooks/list reports it (trustStatus), plus Unverified.</summary>
public enum HookTrustStatus
{
    /// <summary>From managed requirements or a managed configuration folder: Codex runs it without review.</summary>
    Managed,

    /// <summary>[hooks.state."KEY"] trusted_hash matches the definition's hash.</summary>
    Trusted,

    /// <summary>No trusted_hash is stored: Codex skips the handler until it is approved.</summary>
    Untrusted,

    /// <summary>A trusted_hash is stored but the definition changed since: Codex skips it again.</summary>
    Modified,

    /// <summary>A trusted_hash is stored but the module cannot compute the definition's hash (mcp_tool handlers).</summary>
    Unverified,
}
