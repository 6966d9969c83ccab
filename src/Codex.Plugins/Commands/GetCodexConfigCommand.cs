using Codex.Plugins.Completion;

namespace Codex.Plugins.Commands;

/// <summary>Gets Codex configuration values with the file and line each comes from, or the layers themselves.</summary>
[Cmdlet(VerbsCommon.Get, "CodexConfig", DefaultParameterSetName = ValueSet)]
[OutputType(typeof(CodexConfigValue), ParameterSetName = new[] { ValueSet })]
[OutputType(typeof(CodexConfigLayer), ParameterSetName = new[] { LayerSet })]
public sealed class GetCodexConfigCommand : CodexCommandBase
{
    private const string ValueSet = "Value";
    private const string LayerSet = "Layer";

    /// <summary>Dotted keys (or prefixes) to show; wildcards allowed.</summary>
    [Parameter(Position = 0, ParameterSetName = ValueSet)]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(ConfigKeyCompleter))]
    [ValidateNotNullOrEmpty]
    public string[]? Key { get; set; }

    /// <summary>Show what these layers set themselves, instead of the merged result.</summary>
    [Parameter(ParameterSetName = ValueSet)]
    public ConfigLayerKind[]? Layer { get; set; }

    /// <summary>List the layers (files) Codex reads, with whether each applies.</summary>
    [Parameter(Mandatory = true, ParameterSetName = LayerSet)]
    public SwitchParameter ListLayer { get; set; }

    /// <summary>Show secret values (env values, header values, tokens) instead of masking them.</summary>
    [Parameter(ParameterSetName = ValueSet)]
    public SwitchParameter IncludeSecret { get; set; }

    protected override void ProcessRecord()
    {
        ConfigStack stack = LoadStack();
        if (ListLayer)
        {
            WriteObject(ConfigValueReader.Layers(stack), enumerateCollection: true);
            return;
        }

        IEnumerable<ConfigLayerKind?> layers = Layer is { Length: > 0 } ? Layer.Select(l => (ConfigLayerKind?)l) : new ConfigLayerKind?[] { null };
        foreach (ConfigLayerKind? layer in layers)
        {
            IEnumerable<CodexConfigValue> values = ConfigValueReader.Read(stack, null, layer, IncludeSecret);
            if (Key is { Length: > 0 })
            {
                var keys = new NameFilter(Key);
                // A key without wildcards also selects every key under it (model_providers selects model_providers.x.y).
                values = values.Where(v => Key.Any(k => !WildcardPattern.ContainsWildcardCharacters(k) && TomlKey.Covers(k, v.Key)) || keys.Selects(v.Key));
            }

            WriteObject(values, enumerateCollection: true);
        }
    }
}
