namespace Codex.Plugins.Masking.Detection;

/// <summary>How sure a detector is that a match is real: provider-specific shapes are High, keyword and entropy gates lower.</summary>
public enum FindingConfidence
{
    Low,
    Medium,
    High,
}
