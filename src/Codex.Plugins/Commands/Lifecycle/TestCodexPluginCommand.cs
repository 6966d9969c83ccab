using Codex.Plugins.Plugins;
using Codex.Plugins.Plugins.Lifecycle;

namespace Codex.Plugins.Commands;

/// <summary>Checks plugin folders as Codex checks them and reviews what each can reach.</summary>
[Cmdlet(VerbsDiagnostic.Test, "CodexPlugin")]
[OutputType(typeof(CodexPluginTestResult))]
public sealed class TestCodexPluginCommand : CodexCommandBase, IDisposable
{
    private readonly PluginCheckQueue checks = new();

    /// <summary>Plugin folders; bound from Path (New-CodexPlugin), PSPath (Get-ChildItem) or Root (Get-CodexPlugin).</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("PSPath", "Root")]
    [ValidateNotNullOrEmpty]
    public string[] Path { get; set; } = Array.Empty<string>();

    /// <summary>The marketplace id the folder is offered under (plugin@marketplace): the manifest's name must match it.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(AvailablePluginIdCompleter))]
    public string? PluginId { get; set; }

    protected override void ProcessRecord()
    {
        string? expected = null;
        string? marketplace = null;
        if (PluginId is { Length: > 0 } id && PluginKey.TryParse(id, out PluginKey key))
        {
            expected = key.Plugin;
            marketplace = key.Marketplace;
        }

        var environment = ResolveEnvironment();
        foreach (string path in Path)
        {
            string full = ProviderPath(path);
            if (!Directory.Exists(full))
            {
                // Results of the folders before this one come first.
                WriteResults(checks.Drain());
                WriteIssue(new CodexIssue(ErrorIds.PluginNotFound, IssueKind.NotFound, $"No plugin folder at {full}.", full, Target: path,
                    RecommendedAction: "Give the folder that holds .codex-plugin/plugin.json."));
                continue;
            }

            WriteResults(checks.Add(full, expected, marketplace, environment));
        }
    }

    protected override void EndProcessing() => WriteResults(checks.Drain());

    public void Dispose() => checks.Dispose();

    private void WriteResults(IReadOnlyList<CodexPluginTestResult> results)
    {
        foreach (CodexPluginTestResult result in results)
        {
            WriteObject(result);
        }
    }
}
