namespace Codex.Plugins.HelpBuilder;

/// <summary>One docs/Verb-Noun.md page as read: the words help shows, the facts tools/Build-Help.ps1 checks against the
/// cmdlet, and what is wrong with the page itself (schema, missing words), each problem with its file and line.</summary>
internal sealed record CommandPage(string Name, string DisplayPath)
{
    public Dictionary<string, string> Metadata { get; init; } = [];
    public string Title { get; init; } = "";
    public int TitleLine { get; init; } = 1;
    public List<string> Synopsis { get; init; } = [];
    public List<string> Description { get; init; } = [];
    public List<SyntaxBlock> Syntax { get; init; } = [];
    public List<ParameterPage> Parameters { get; init; } = [];
    public List<ExamplePage> Examples { get; init; } = [];
    public List<TypePage> Inputs { get; init; } = [];
    public List<TypePage> Outputs { get; init; } = [];
    public List<string> Notes { get; init; } = [];
    public List<HelpLink> Links { get; init; } = [];
    public List<string> Problems { get; init; } = [];
}
