namespace Codex.Plugins.Masking.Operators;

/// <summary>What a secret is replaced with.</summary>
public enum MaskMode
{
    /// <summary><c>ghp_…[GITHUB_TOKEN#3f9a2c1e]</c>: the provider prefix, the kind, and a keyed HMAC tag (same secret, same tag under one key).</summary>
    Tag,

    /// <summary><c>&lt;EMAIL_1&gt;</c>: numbered per kind in order of first appearance, reversible with the mapping file.</summary>
    Placeholder,

    /// <summary><c>[EMAIL]</c>: the kind only.</summary>
    Redact,

    /// <summary><c>*****</c>: the module's display mask, which says nothing about the value.</summary>
    Stars,
}
