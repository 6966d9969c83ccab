using Codex.Plugins.Configuration;
using Codex.Plugins.Diagnostics;

namespace Codex.Plugins.Hooks;

/// <summary>
/// Finds the hook a change names (Approve-CodexHook) by its exact key, reading the hook inventory at most once per
/// configuration stack.
/// </summary>
public sealed class HookLookup
{
    private readonly PerStack<HookInventory> inventory = new();

    /// <summary>The hook with <paramref name="key"/>; none is HookNotFound (thrown), with the close keys as a hint.</summary>
    public CodexHook Find(ConfigStack stack, string key)
    {
        HookInventory hooks = inventory.Get(stack, HookInventory.Read);
        return hooks.Hooks.FirstOrDefault(h => string.Equals(h.Key, key, StringComparison.Ordinal))
            ?? throw new CodexIssueException(NameSuggestions.NotFound(ErrorIds.HookNotFound, key, $"No hook with the key '{key}' in this configuration.",
                hooks.Hooks.Select(h => h.Key), stack.Environment.UserConfigPath, "Run Get-CodexHook to see the keys."));
    }

    /// <summary>The hooks of <paramref name="keys"/> as Codex now reads them, from a fresh read.</summary>
    public static IEnumerable<CodexHook> ReadBack(ConfigStack stack, IReadOnlyList<string> keys)
    {
        var hooks = HookInventory.Read(stack).Hooks;
        return keys.Select(key => hooks.FirstOrDefault(h => h.Key == key)).OfType<CodexHook>();
    }
}
