namespace Codex.Plugins;

/// <summary>Role names the module gives sessions that carry no role of their own.</summary>
public static class SessionRoles
{
    public const string Main = "main";
    public const string DefaultSubagent = "default";
}
