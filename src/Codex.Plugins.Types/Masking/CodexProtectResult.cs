namespace Codex.Plugins;

/// <summary>What Protect-CodexData or Unprotect-CodexData did to one file.</summary>
public sealed record CodexProtectResult
{
    public required string Path { get; init; }

    public required string Destination { get; init; }

    public required string Format { get; init; }

    public required string Mode { get; init; }

    public int Replacements { get; init; }

    /// <summary>The kinds replaced, with counts (<c>EMAIL=3</c>), never the values.</summary>
    public IReadOnlyList<string> Kinds { get; init; } = Array.Empty<string>();

    public string? MappingPath { get; init; }

    public bool InPlace => string.Equals(Path, Destination, StringComparison.Ordinal);
}
