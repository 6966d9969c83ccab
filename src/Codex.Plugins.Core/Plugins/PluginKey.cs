namespace Codex.Plugins.Plugins;

/// <summary>A plugin's identity, <c>plugin@marketplace</c> (split at the last @, as Codex does).</summary>
public readonly record struct PluginKey(string Plugin, string Marketplace)
{
    public static bool TryParse(string text, out PluginKey key)
    {
        int at = text.LastIndexOf('@');
        if (at <= 0 || at == text.Length - 1)
        {
            key = default;
            return false;
        }

        key = new PluginKey(text[..at], text[(at + 1)..]);
        return IsSegment(key.Plugin) && IsSegment(key.Marketplace);
    }

    /// <summary>ASCII letters, digits, '-' and '_': the only characters Codex allows in either half.</summary>
    public static bool IsSegment(string segment) =>
        segment.Length > 0 && segment.All(c => c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9' or '-' or '_');

    public override string ToString() => $"{Plugin}@{Marketplace}";
}
