namespace Codex.Plugins.Masking;

/// <summary>How Protect-CodexData reads its input.</summary>
public enum MaskFormat
{
    Auto,
    Text,
    Json,
    JsonLines,
    Toml,
}
