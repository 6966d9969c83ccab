namespace Codex.Plugins.HelpBuilder.Tests;

/// <summary>A small page in PlatyPS's schema (two parameter sets, a switch, accepted values, lists, a table, links,
/// code and notes), the facts Build-Help.ps1 reads from its cmdlet, and the MAML and about topic they must give. The
/// expected files were first written by the line-regex converter this tool replaced (tools/Build-Help.ps1 before
/// issue 11), which gave the same bytes except for a web link under RELATED LINKS, whose text and address it lost.</summary>
public sealed class GoldenFileTests : IDisposable
{
    private static readonly string Golden = Path.Combine(AppContext.BaseDirectory, "Golden");
    private readonly string _output = Path.Combine(Path.GetTempPath(), "codex-helpbuilder-tests", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_output)) { Directory.Delete(_output, recursive: true); }
    }

    [Fact]
    public void WritesTheExpectedMamlAndAboutTopic()
    {
        var problems = HelpFolder.Write(Path.Combine(Golden, "docs"), HelpFolder.ReadFacts(Path.Combine(Golden, "Get-Widget.facts.json")), _output);

        Assert.Empty(problems);
        Assert.Equal(File.ReadAllText(Path.Combine(Golden, "Widgets.dll-Help.xml")), File.ReadAllText(Path.Combine(_output, "Widgets.dll-Help.xml")));
        Assert.Equal(File.ReadAllText(Path.Combine(Golden, "about_Widgets.help.txt")), File.ReadAllText(Path.Combine(_output, "about_Widgets.help.txt")));
    }

    [Fact]
    public void TheCommandLineWritesTheSameFiles()
    {
        var facts = Path.Combine(Golden, "Get-Widget.facts.json");

        var exit = Program.Main(["write", Path.Combine(Golden, "docs"), facts, _output]);

        Assert.Equal(0, exit);
        Assert.Equal(File.ReadAllBytes(Path.Combine(Golden, "Widgets.dll-Help.xml")), File.ReadAllBytes(Path.Combine(_output, "Widgets.dll-Help.xml")));
    }

    [Fact]
    public void ReadGivesTheFactsTheCmdletChecksNeed()
    {
        var report = HelpFolder.Read(Path.Combine(Golden, "docs"));

        Assert.Empty(report.Problems);
        var page = Assert.Single(report.Pages);
        Assert.Equal("Get-Widget", page.Name);
        Assert.Equal("Widgets.dll-Help.xml", page.Metadata["external help file"]);
        Assert.Equal(["Name", "Id"], page.Syntax.Select(s => s.Name));
        Assert.Equal(["Name", "Id", "Size", "Color", "Force"], page.Parameters.Select(p => p.Name));
        var name = page.Parameters[0].Yaml.Single();
        Assert.Equal("0", name.Values["Position"]);
        Assert.Equal("True (ByPropertyName)", name.Values["Accept pipeline input"]);
        Assert.Equal("", page.Parameters.Single(p => p.Name == "Force").Yaml.Single().Values["Default value"]);
        // Example code is checked by the PowerShell parser, which reports lines relative to the fence.
        var lines = File.ReadAllLines(Path.Combine(Golden, "docs", "Get-Widget.md"));
        var script = page.Examples[1].Scripts.Single();
        Assert.Equal("```powershell", lines[script.Line - 1]);
        Assert.Equal("42 | Get-Widget -Force", script.Text);
        Assert.Equal("Example 2: Get a widget by id, `forcefully`", page.Examples[1].Title);
    }

    [Fact]
    public void AWriteWithAProblemPageWritesNothing()
    {
        var docs = Path.Combine(_output, "docs");
        Directory.CreateDirectory(docs);
        File.WriteAllText(Path.Combine(docs, "Get-Widget.md"), File.ReadAllText(Path.Combine(Golden, "docs", "Get-Widget.md")).Replace("## NOTES", "## REMARKS"));

        var problems = HelpFolder.Write(docs, HelpFolder.ReadFacts(Path.Combine(Golden, "Get-Widget.facts.json")), Path.Combine(_output, "out"));

        Assert.Contains(problems, p => p.Contains("unknown section '## REMARKS'", StringComparison.Ordinal));
        Assert.False(Directory.Exists(Path.Combine(_output, "out")));
    }
}
