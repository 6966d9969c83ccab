namespace Codex.Plugins.Masking.Detection;

/// <summary>One secret found in a text: the detector, where it is, and the secret itself (never shown unless asked).</summary>
public readonly record struct SecretMatch(SecretDetector Detector, int Start, int Length, string Value)
{
    public int End => Start + Length;
}
