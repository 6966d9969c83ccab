namespace Codex.Plugins;

/// <summary>
/// One managed file made from a policy: requirements.toml (enforced constraints) or managed_config.toml (managed
/// defaults), its text, its hash, and where Codex reads it on each platform. Publish-CodexManagedConfig and
/// Test-CodexCompliance -Requirements take these objects (also deserialized, after remoting).
/// </summary>
public sealed class CodexManagedConfig
{
    /// <summary>requirements.toml or managed_config.toml.</summary>
    public string Name { get; init; } = string.Empty;

    /// <summary>Requirements or ManagedConfig.</summary>
    public string Kind { get; init; } = string.Empty;

    /// <summary>The file's text (UTF-8, LF line ends), exactly what is written.</summary>
    public string Text { get; init; } = string.Empty;

    /// <summary>"sha256:" and the hex SHA-256 of the UTF-8 bytes: what the rollout verifies on each target.</summary>
    public string Hash { get; init; } = string.Empty;

    /// <summary>The number of bytes.</summary>
    public int Length { get; init; }

    /// <summary>Where Codex reads it on this machine's platform.</summary>
    public string Path { get; init; } = string.Empty;

    /// <summary>Where Codex reads it on Linux and macOS.</summary>
    public string UnixPath { get; init; } = string.Empty;

    /// <summary>Where Codex reads it on Windows.</summary>
    public string WindowsPath { get; init; } = string.Empty;

    /// <summary>The policy it was made from.</summary>
    public string Source { get; init; } = string.Empty;

    /// <summary>The file written by -OutFile, if any.</summary>
    public string? OutFile { get; init; }

    public override string ToString() => Name;
}
