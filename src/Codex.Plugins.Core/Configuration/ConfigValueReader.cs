using Codex.Plugins.Masking;

namespace Codex.Plugins.Configuration;

/// <summary>Flattens a config stack into <see cref="CodexConfigValue"/>s: one per leaf, with its source.</summary>
public static class ConfigValueReader
{
    /// <summary>Effective values (all applied layers merged), or one layer's own values.</summary>
    /// <param name="stack">The loaded stack.</param>
    /// <param name="keyPrefix">Only keys equal to or under this dotted key.</param>
    /// <param name="layer">Only values written in layers of this kind (their own values, not merged).</param>
    /// <param name="includeSecret">Show secret values instead of the mask.</param>
    public static IEnumerable<CodexConfigValue> Read(ConfigStack stack, string? keyPrefix, ConfigLayerKind? layer, bool includeSecret)
    {
        IReadOnlyList<string> prefix = string.IsNullOrEmpty(keyPrefix) ? Array.Empty<string>() : TomlKey.Split(keyPrefix);
        IEnumerable<(TomlTableNode Root, ConfigLayer? Layer)> roots = layer is null
            ? new[] { (stack.Effective, (ConfigLayer?)null) }
            : stack.Layers.Append(stack.Requirements).OfType<ConfigLayer>()
                .Where(l => l.Kind == layer && l.Root is not null)
                .Select(l => (l.Root!, (ConfigLayer?)l));

        foreach (var (root, fixedLayer) in roots)
        {
            TomlNode? start = prefix.Count == 0 ? root : ConfigStack.Get(root, prefix);
            if (start is null)
            {
                continue;
            }

            foreach (var (path, node) in Leaves(start, prefix.ToList()))
            {
                ConfigLayer? source = fixedLayer ?? stack.LayerOf(node);
                bool mask = false;
                object? value = includeSecret ? node.ToPlainValue() : SecretValues.Mask(path, node.ToPlainValue(), out mask);
                string[] overrides = fixedLayer is null ? Overridden(stack, path, node) : Array.Empty<string>();
                yield return new CodexConfigValue(TomlKey.Join(path), value, TypeName(node), source?.Kind.ToString() ?? "Unknown",
                    node.Location.File, node.Location.Line, node.Location.Column, mask, overrides);
            }
        }
    }

    public static IEnumerable<CodexConfigLayer> Layers(ConfigStack stack) =>
        stack.Layers.Append(stack.Requirements).OfType<ConfigLayer>().Select(l => new CodexConfigLayer(
            l.Kind.ToString(), l.Path, l.Precedence, l.Exists, l.Applied, l.SkipReason, l.Root is null ? 0 : Leaves(l.Root, new List<string>()).Count()));

    private static string[] Overridden(ConfigStack stack, IReadOnlyList<string> path, TomlNode winner) =>
        stack.AppliedLayers
            .Select(l => l.Root is null ? null : ConfigStack.Get(l.Root, path))
            .OfType<TomlNode>()
            .Where(n => !ReferenceEquals(n, winner) && n is not TomlTableNode)
            .Select(n => n.Location.ToString())
            .ToArray();

    private static IEnumerable<(IReadOnlyList<string> Path, TomlNode Node)> Leaves(TomlNode node, List<string> path)
    {
        if (node is TomlTableNode table)
        {
            foreach (var (key, child) in table.Items)
            {
                path.Add(key);
                foreach (var leaf in Leaves(child, path))
                {
                    yield return leaf;
                }

                path.RemoveAt(path.Count - 1);
            }
        }
        else
        {
            yield return (path.ToArray(), node);
        }
    }

    private static string TypeName(TomlNode node) => node switch
    {
        TomlArrayNode => "array",
        TomlValueNode { Value: string } v when LooksLikeDate(v) => "datetime",
        TomlValueNode { Value: string } => "string",
        TomlValueNode { Value: long } => "integer",
        TomlValueNode { Value: double } => "float",
        TomlValueNode { Value: bool } => "boolean",
        _ => "table",
    };

    private static bool LooksLikeDate(TomlValueNode node) => node.IsDateTime;
}
