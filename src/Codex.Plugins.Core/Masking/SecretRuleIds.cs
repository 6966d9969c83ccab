namespace Codex.Plugins.Masking;

/// <summary>Rule ids of the audit's secret rules: a secret written where Codex reads it as text.</summary>
public static class SecretRuleIds
{
    public const string InSkill = "CODEX-SECRET-001";
    public const string InAgentsMd = "CODEX-SECRET-002";
    public const string InAgentFile = "CODEX-SECRET-003";
    public const string InHookCommand = "CODEX-SECRET-004";
    public const string InPluginFile = "CODEX-SECRET-005";
}
