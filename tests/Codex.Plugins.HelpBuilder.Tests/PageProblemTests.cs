namespace Codex.Plugins.HelpBuilder.Tests;

/// <summary>What is wrong with a page on its own, each problem named with the file and line at fault, all of them
/// in one run.</summary>
public sealed class PageProblemTests : IDisposable
{
    private static readonly string GoldenPage = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Golden", "docs", "Get-Widget.md"));
    private readonly string _docs = Path.Combine(Path.GetTempPath(), "codex-helpbuilder-tests", Guid.NewGuid().ToString("N"), "docs");

    public PageProblemTests() => Directory.CreateDirectory(_docs);

    public void Dispose() => Directory.Delete(Path.GetDirectoryName(_docs)!, recursive: true);

    private List<string> ProblemsOf(string page, string file = "Get-Widget.md")
    {
        File.WriteAllText(Path.Combine(_docs, file), page);
        return HelpFolder.Read(_docs).Problems;
    }

    [Fact]
    public void TheGoldenPageHasNone() => Assert.Empty(ProblemsOf(GoldenPage));

    [Theory]
    [InlineData("## SYNOPSIS\nGets the widgets of the workshop, by name or by id.\n", "## SYNOPSIS\n", "docs/Get-Widget.md: the SYNOPSIS is empty.")]
    [InlineData("schema: 2.0.0", "schema: 1.0.0", "docs/Get-Widget.md: the front matter must say 'schema: 2.0.0' (PlatyPS command help); it says '1.0.0'.")]
    [InlineData("## INPUTS", "## INPUT", "docs/Get-Widget.md:157: unknown section '## INPUT'; the schema has SYNOPSIS, SYNTAX, DESCRIPTION, EXAMPLES, PARAMETERS, INPUTS, OUTPUTS, NOTES, RELATED LINKS.")]
    [InlineData("## INPUTS", "## INPUT", "docs/Get-Widget.md: has no '## INPUTS' section.")]
    [InlineData("The id of one widget.\n", "", "docs/Get-Widget.md:86: -Id has no description.")]
    [InlineData("Accept wildcard characters: True\n", "Accept wildcard characters: True\nGlobbing: yes\n", "docs/Get-Widget.md:84: -Name: 'Globbing: yes' is not a schema 2.0.0 parameter field (Type, Parameter Sets, Aliases, Accepted values, Required, Position, Default value, Accept pipeline input, Accept wildcard characters).")]
    [InlineData("Position: 0\n", "", "docs/Get-Widget.md:74: -Name: the yaml block has no 'Position:' line.")]
    [InlineData("Type: Int32\n", "Type: Int32: x\n", "docs/Get-Widget.md:90: -Id: the yaml does not parse:")]
    [InlineData("Type: Int32\n", "Type: [Int32\n", "docs/Get-Widget.md:89: -Id: the yaml does not parse:")]
    [InlineData("### CommonParameters", "### Common", "docs/Get-Widget.md:152: '### Common' is not a parameter heading; write '### -Name'.")]
    [InlineData("### CommonParameters", "### Common", "docs/Get-Widget.md: PARAMETERS has no '### CommonParameters' section.")]
    [InlineData("This command gets every widget.\n", "", "docs/Get-Widget.md:47: 'Example 1: Get every widget' does not say what it does (no text).")]
    [InlineData("```powershell\n42 | Get-Widget -Force", "```text\n42 | Get-Widget -Force", "docs/Get-Widget.md:60: 'Example 2: Get a widget by id, `forcefully`' has no powershell code block.")]
    [InlineData("### Example 2: Get a widget by id, `forcefully`", "#### Example 2", "docs/Get-Widget.md: has 1 example(s); every cmdlet needs at least two.")]
    [InlineData("The names of the widgets.", "The names of the {{ Fill Name Description }}.", "docs/Get-Widget.md:72: replace {{ Fill Name Description }}.")]
    [InlineData("### Id\n```\nGet-Widget -Id <Int32> [-Size <String>] [-Color <WidgetColor>] [-Force] [<CommonParameters>]\n```\n", "### Id\n", "docs/Get-Widget.md:20: SYNTAX '### Id' has no code block.")]
    [InlineData("### -Size\n", "### -Id\n", "docs/Get-Widget.md:101: -Id is documented twice.")]
    [InlineData("## RELATED LINKS\n", "## RELATED LINKS\n\n```text\nnever closed\n", "docs/Get-Widget.md:178: this code fence is never closed.")]
    [InlineData("# Get-Widget\n", "# Get-Widget\n\n# Another title\n", "docs/Get-Widget.md: needs exactly one '# Verb-Noun' title; it has 2.")]
    [InlineData("## INPUTS\n", "## INPUTS\nText outside a type.\n", "docs/Get-Widget.md: text under '## INPUTS' must sit under a '### TypeName' heading.")]
    public void NamesTheFault(string find, string replace, string expected)
    {
        Assert.Contains(find, GoldenPage, StringComparison.Ordinal);

        var problems = ProblemsOf(GoldenPage.Replace(find, replace, StringComparison.Ordinal));

        Assert.Contains(problems, p => p.StartsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void NamesEveryFaultOfAPageNotOnlyTheFirst()
    {
        var page = GoldenPage.Replace("Gets the widgets of the workshop, by name or by id.\n", "").Replace("The id of one widget.\n", "").Replace("## NOTES", "## REMARKS");

        var problems = ProblemsOf(page);

        Assert.Equal(3, problems.Count);
    }

    [Fact]
    public void APageThatIsNotVerbNounIsNotCommandHelp()
    {
        File.WriteAllText(Path.Combine(_docs, "architecture.md"), "# Architecture\n\nHow the module is built.\n");

        var report = HelpFolder.Read(_docs);

        Assert.Empty(report.Pages);
        Assert.Empty(report.Problems);
    }

    [Theory]
    [InlineData("## SHORT DESCRIPTION\nWhat widgets are and how the Widgets module reads them.\n", "## SHORT DESCRIPTION\n", "docs/about_Widgets.md: '## SHORT DESCRIPTION' is empty.")]
    [InlineData("## LONG DESCRIPTION", "## DETAILS", "docs/about_Widgets.md: has no '## LONG DESCRIPTION' section.")]
    [InlineData("# about_Widgets", "# about_Gadgets", "docs/about_Widgets.md: needs exactly one title, '# about_Widgets'.")]
    public void NamesTheFaultOfAnAboutTopic(string find, string replace, string expected)
    {
        var about = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Golden", "docs", "about_Widgets.md"));
        Assert.Contains(find, about, StringComparison.Ordinal);

        var problems = ProblemsOf(about.Replace(find, replace, StringComparison.Ordinal), "about_Widgets.md");

        Assert.Equal([expected], problems);
    }
}
