namespace Codex.Plugins.Configuration;

/// <summary>Where a value was written: the file, and the 1-based line and column of its key.</summary>
public readonly record struct SourceLocation(string File, int Line, int Column)
{
    public override string ToString() => $"{File}:{Line}:{Column}";
}
