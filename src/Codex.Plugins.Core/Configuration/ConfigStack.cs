using Codex.Plugins.Diagnostics;

namespace Codex.Plugins.Configuration;

/// <summary>
/// The configuration layers Codex 0.169.0 loads, in its order, merged the way Codex merges them: tables merge key by
/// key, anything else is replaced by the higher layer. Every effective value is the node from the file that won, so
/// it still knows its file and line.
/// </summary>
public sealed class ConfigStack
{
    private readonly Dictionary<string, ConfigLayer> layerByPath;

    internal ConfigStack(CodexEnvironment environment, IReadOnlyList<ConfigLayer> layers, ConfigLayer? requirements, TomlTableNode effective, IReadOnlyList<CodexIssue> issues, string? projectRoot)
    {
        Environment = environment;
        Layers = layers;
        Requirements = requirements;
        Effective = effective;
        Issues = issues;
        ProjectRoot = projectRoot;
        layerByPath = new Dictionary<string, ConfigLayer>(StringComparer.Ordinal);
        foreach (var layer in layers.Append(requirements).OfType<ConfigLayer>())
        {
            layerByPath[layer.Path] = layer;
        }
    }

    public CodexEnvironment Environment { get; }

    /// <summary>Every layer considered, lowest precedence first, including those that are absent or skipped.</summary>
    public IReadOnlyList<ConfigLayer> Layers { get; }

    /// <summary>requirements.toml beside the system configuration, if present.</summary>
    public ConfigLayer? Requirements { get; }

    /// <summary>The merged configuration.</summary>
    public TomlTableNode Effective { get; }

    /// <summary>Problems met while loading (unparsable files, legacy profiles, ...).</summary>
    public IReadOnlyList<CodexIssue> Issues { get; }

    /// <summary>The project root Codex found from the project path (the nearest folder with a root marker).</summary>
    public string? ProjectRoot { get; }

    /// <summary>True when a layer Codex needs failed to load: Codex itself would refuse to start.</summary>
    public bool IsLoadable => !Issues.Any(i => i.Kind is IssueKind.InvalidData or IssueKind.ReadError);

    public IEnumerable<ConfigLayer> AppliedLayers => Layers.Where(l => l.Applied);

    /// <summary>The layer a node was read from.</summary>
    public ConfigLayer? LayerOf(TomlNode node) => layerByPath.TryGetValue(node.Location.File, out var layer) ? layer : null;

    /// <summary>The effective node at a dotted key, or null.</summary>
    public TomlNode? Get(string dottedKey) => Get(Effective, TomlKey.Split(dottedKey));

    public static TomlNode? Get(TomlTableNode root, IEnumerable<string> segments)
    {
        TomlNode? current = root;
        foreach (string segment in segments)
        {
            if (current is not TomlTableNode table || !table.TryGet(segment, out current))
            {
                return null;
            }
        }

        return current;
    }

    /// <summary>Loads the layers for an environment. Never throws for bad files: they become issues.</summary>
    public static ConfigStack Load(CodexEnvironment environment) => new ConfigStackLoader(environment).Load();

    /// <summary>Loads the layers with requirements.toml and/or managed_config.toml replaced (a preview, or neither).</summary>
    public static ConfigStack Load(CodexEnvironment environment, ManagedLayerOverride? managedOverride) => new ConfigStackLoader(environment, managedOverride).Load();
}
