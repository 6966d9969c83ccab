using Codex.Plugins.Masking.Detection;

namespace Codex.Plugins.Masking.Streaming;

/// <summary>One secret found in a stream, with its position as a reader counts it (1-based line and column).</summary>
public readonly record struct StreamFinding(SecretMatch Match, long Offset, long Line, long Column, string MaskedPreview);
