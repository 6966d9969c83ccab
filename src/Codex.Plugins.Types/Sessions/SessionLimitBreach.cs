namespace Codex.Plugins;

/// <summary>A session that went past a configured agents limit.</summary>
public sealed record SessionLimitBreach(string SessionId, string Limit, int Value, int Allowed, string Machine, string File)
{
    public override string ToString() => $"{Limit} {Value} > {Allowed}";
}
