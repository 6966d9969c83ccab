namespace Codex.Plugins.Configuration;

/// <summary>requirements.toml and managed_config.toml as a preview has them; a null replacement keeps the machine's own file.</summary>
public sealed record ManagedLayerOverride(LayerReplacement? Requirements, LayerReplacement? ManagedConfig)
{
    internal LayerReplacement? For(ConfigLayerKind kind) => kind switch
    {
        ConfigLayerKind.Requirements => Requirements,
        ConfigLayerKind.Managed => ManagedConfig,
        _ => null,
    };
}
