namespace Codex.Plugins;

/// <summary>How much a finding matters.</summary>
public enum FindingSeverity
{
    Information,
    Warning,
    Error,
}
