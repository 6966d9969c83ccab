namespace Codex.Plugins.Masking;

/// <summary>What the secret hook answers Codex: an exit code and the text for stdout and stderr.</summary>
public sealed record SecretHookVerdict(int ExitCode, string Stdout, string Stderr, IReadOnlyList<string> Kinds)
{
    public bool Blocked => Kinds.Count > 0;
}
