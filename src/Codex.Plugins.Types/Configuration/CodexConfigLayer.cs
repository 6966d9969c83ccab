namespace Codex.Plugins;

/// <summary>One configuration file Codex reads (or would read), and whether it takes effect.</summary>
public sealed class CodexConfigLayer
{
    public CodexConfigLayer(string kind, string path, int precedence, bool exists, bool applied, string? reason, int valueCount)
    {
        Kind = kind;
        Path = path;
        Precedence = precedence;
        Exists = exists;
        Applied = applied;
        Reason = reason;
        ValueCount = valueCount;
    }

    public string Kind { get; }

    public string Path { get; }

    public int Precedence { get; }

    public bool Exists { get; }

    public bool Applied { get; }

    public string? Reason { get; }

    public int ValueCount { get; }
}
