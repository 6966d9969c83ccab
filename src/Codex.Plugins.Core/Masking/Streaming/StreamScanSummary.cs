namespace Codex.Plugins.Masking.Streaming;

/// <summary>What one pass over a stream saw.</summary>
public sealed record StreamScanSummary(long Bytes, long InvalidBytes, int Findings, bool Binary);
