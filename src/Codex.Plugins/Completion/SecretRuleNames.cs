using Codex.Plugins.Masking.Detection;

namespace Codex.Plugins.Commands;

/// <summary>Detector ids and kinds for completion (kept apart so the completer type loads without the engine's types in its signature).</summary>
internal static class SecretRuleNames
{
    public static IEnumerable<(string Name, string Tip)> All() =>
        DetectorCatalog.All.Select(d => (d.Id, $"{d.Kind} ({d.Category})"))
            .Append((KeyStoreDetector.Id, KeyStoreDetector.Kind + " (Secret)"))
            .Concat(DetectorCatalog.All.Select(d => d.Kind).Distinct().Select(k => (k, "kind")))
            .OrderBy(n => n.Item1, StringComparer.OrdinalIgnoreCase);
}
