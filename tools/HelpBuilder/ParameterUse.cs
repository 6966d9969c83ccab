namespace Codex.Plugins.HelpBuilder;

/// <summary>How one parameter behaves in one set; Position is a number or "Named".</summary>
internal sealed record ParameterUse(string Name, bool Mandatory, string Position, bool ByValue, bool ByPropertyName)
{
    public string PipelineInput => (ByValue, ByPropertyName) switch
    {
        (false, false) => "False",
        (true, false) => "True (ByValue)",
        (false, true) => "True (ByPropertyName)",
        _ => "True (ByValue, ByPropertyName)",
    };
}
