using Codex.Plugins.Masking.Detection;

namespace Codex.Plugins.Masking;

/// <summary>What Find-CodexSecret looks at and what it reports.</summary>
public sealed record SecretSearchOptions
{
    public SecretScanOptions Scan { get; init; } = SecretScanOptions.Secrets;

    /// <summary>Larger files are skipped with SecretFileTooLarge (0: no limit).</summary>
    public long MaxFileSize { get; init; } = 256L * 1024 * 1024;

    /// <summary>File-name wildcards a file must match (empty: all).</summary>
    public IReadOnlyList<string> Include { get; init; } = Array.Empty<string>();

    /// <summary>File-name or folder-name wildcards to leave out.</summary>
    public IReadOnlyList<string> Exclude { get; init; } = Array.Empty<string>();

    public bool IncludeSecret { get; init; }

    /// <summary>Key for fingerprints and tags (null: the module's fixed fingerprint key and a per-process tag key).</summary>
    public byte[]? Key { get; init; }

    public SecretBaseline? Baseline { get; init; }
}
