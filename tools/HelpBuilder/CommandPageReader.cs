using System.Text.RegularExpressions;
using Markdig.Extensions.Yaml;
using Markdig.Syntax;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Codex.Plugins.HelpBuilder;

/// <summary>Reads a command page in PlatyPS's schema 2.0.0 and says what is wrong with the page on its own: sections
/// missing or unknown, yaml fields outside the schema, placeholders, an empty synopsis, description or parameter,
/// fewer than two examples or one without code or words. Whether the page tells the truth about its cmdlet is for
/// tools/Build-Help.ps1 to check, with the module imported.</summary>
internal static partial class CommandPageReader
{
    private static readonly string[] Sections = ["SYNOPSIS", "SYNTAX", "DESCRIPTION", "EXAMPLES", "PARAMETERS", "INPUTS", "OUTPUTS", "NOTES", "RELATED LINKS"];
    private static readonly string[] RequiredSections = ["SYNOPSIS", "SYNTAX", "DESCRIPTION", "EXAMPLES", "PARAMETERS", "INPUTS", "OUTPUTS"];
    private static readonly string[] YamlKeys = ["Type", "Parameter Sets", "Aliases", "Accepted values", "Required", "Position", "Default value", "Accept pipeline input", "Accept wildcard characters"];
    private static readonly string[] RequiredYamlKeys = ["Type", "Parameter Sets", "Aliases", "Required", "Position", "Default value", "Accept pipeline input", "Accept wildcard characters"];
    private static readonly string[] PowerShellFences = ["powershell", "pwsh", "ps", "ps1"];

    public static CommandPage Read(string path, string displayPath)
    {
        var markdown = HelpMarkdown.Read(path);
        var problems = new List<string>();
        void Problem(string message) => problems.Add($"{displayPath}:{message}");

        var metadata = ReadFrontMatter(markdown, Problem);
        var schema = metadata.GetValueOrDefault("schema", "");
        if (schema != "2.0.0") { Problem($" the front matter must say 'schema: 2.0.0' (PlatyPS command help); it says '{schema}'."); }
        foreach (var fence in markdown.Document.Descendants<FencedCodeBlock>().Where(f => f.ClosingFencedCharCount == 0))
        {
            Problem($"{fence.Line + 1}: this code fence is never closed.");
        }
        for (var i = 0; i < markdown.Lines.Length; i++)
        {
            // PlatyPS's own skeletons mark what is left to write with {{ ... }}; such a page is not finished.
            if (Placeholder().Match(markdown.Lines[i]) is { Success: true } found) { Problem($"{i + 1}: replace {found.Value}."); }
        }

        var top = markdown.Split(markdown.Document, 1).Sections;
        if (top.Count != 1) { Problem($" needs exactly one '# Verb-Noun' title; it has {top.Count}."); }
        var sections = markdown.Split(top.Count > 0 ? top[0].Blocks : [], 2).Sections;
        foreach (var section in sections.Where(s => !Sections.Contains(s.Title.ToUpperInvariant())))
        {
            Problem($"{section.Line}: unknown section '## {section.Title}'; the schema has {string.Join(", ", Sections)}.");
        }
        foreach (var name in RequiredSections.Where(name => Find(sections, name) is null)) { Problem($" has no '## {name}' section."); }
        IReadOnlyList<Block> Under(string name) => Find(sections, name)?.Blocks ?? [];

        var page = new CommandPage(Path.GetFileNameWithoutExtension(path), displayPath)
        {
            Metadata = metadata,
            Title = top.Count > 0 ? top[0].Title : "",
            TitleLine = top.Count > 0 ? top[0].Line : 1,
            Synopsis = markdown.Paragraphs(Under("SYNOPSIS")),
            Description = markdown.Paragraphs(Under("DESCRIPTION")),
            Syntax = ReadSyntax(markdown, Under("SYNTAX"), Problem),
            Parameters = ReadParameters(markdown, Under("PARAMETERS"), Problem, out var hasCommonParameters),
            Examples = ReadExamples(markdown, Under("EXAMPLES"), Problem),
            Inputs = ReadTypes(markdown, Under("INPUTS"), "INPUTS", Problem),
            Outputs = ReadTypes(markdown, Under("OUTPUTS"), "OUTPUTS", Problem),
            Notes = markdown.Paragraphs(Under("NOTES")),
            Links = ReadLinks(markdown, Under("RELATED LINKS")),
            Problems = problems,
        };
        if (IsEmpty(page.Synopsis)) { Problem(" the SYNOPSIS is empty."); }
        if (IsEmpty(page.Description)) { Problem(" the DESCRIPTION is empty."); }
        if (!hasCommonParameters) { Problem(" PARAMETERS has no '### CommonParameters' section."); }
        if (page.Examples.Count < 2) { Problem($" has {page.Examples.Count} example(s); every cmdlet needs at least two."); }
        return page;
    }

    internal static MarkdownSection? Find(IEnumerable<MarkdownSection> sections, string title) =>
        sections.FirstOrDefault(s => string.Equals(s.Title, title, StringComparison.OrdinalIgnoreCase));

    internal static bool IsEmpty(IEnumerable<string> paragraphs) => string.Concat(paragraphs).Trim().Length == 0;

    private static Dictionary<string, string> ReadFrontMatter(HelpMarkdown markdown, Action<string> problem)
    {
        var block = markdown.Document.OfType<YamlFrontMatterBlock>().FirstOrDefault();
        if (block is null) { return []; }
        return ReadMapping(block.Lines.ToString(), block.Line + 1, (line, message) => problem($"{line}: the front matter {message}"), _ => true);
    }

    private static List<SyntaxBlock> ReadSyntax(HelpMarkdown markdown, IReadOnlyList<Block> blocks, Action<string> problem)
    {
        var syntax = new List<SyntaxBlock>();
        foreach (var set in markdown.Split(blocks, 3).Sections)
        {
            var code = set.Blocks.OfType<FencedCodeBlock>().Select(f => f.Lines.ToString()).ToList();
            var name = DefaultMark().Replace(set.Title, "").Trim();
            if (code.Count == 0) { problem($"{set.Line}: SYNTAX '### {name}' has no code block."); }
            syntax.Add(new SyntaxBlock(name, set.Line, code.Count > 0 ? string.Join("\n", code) : null));
        }
        return syntax;
    }

    private static List<ParameterPage> ReadParameters(HelpMarkdown markdown, IReadOnlyList<Block> blocks, Action<string> problem, out bool hasCommonParameters)
    {
        hasCommonParameters = false;
        var parameters = new List<ParameterPage>();
        foreach (var section in markdown.Split(blocks, 3).Sections)
        {
            if (section.Title.Equals("CommonParameters", StringComparison.OrdinalIgnoreCase)) { hasCommonParameters = true; continue; }
            if (ParameterHeading().Match(section.Title) is not { Success: true } heading)
            {
                problem($"{section.Line}: '### {section.Title}' is not a parameter heading; write '### -Name'.");
                continue;
            }
            var name = heading.Groups[1].Value;
            if (parameters.Any(p => p.Name.Equals(name, StringComparison.OrdinalIgnoreCase)))
            {
                problem($"{section.Line}: -{name} is documented twice.");
                continue;
            }
            static bool IsYaml(Block b) => b is FencedCodeBlock { Info: var info } && string.Equals(info, "yaml", StringComparison.OrdinalIgnoreCase);
            var yaml = section.Blocks.Where(IsYaml).Cast<FencedCodeBlock>().Select(block =>
            {
                var fenceLine = block.Line + 1;
                var values = ReadMapping(block.Lines.ToString(), fenceLine, (line, message) => problem($"{line}: -{name}: {message}"), key => YamlKeys.Contains(key));
                foreach (var key in RequiredYamlKeys.Where(k => !values.ContainsKey(k))) { problem($"{fenceLine}: -{name}: the yaml block has no '{key}:' line."); }
                return new ParameterYaml(fenceLine, values);
            }).ToList();
            var description = markdown.Paragraphs(section.Blocks.Where(b => !IsYaml(b)));
            if (IsEmpty(description)) { problem($"{section.Line}: -{name} has no description."); }
            if (yaml.Count == 0) { problem($"{section.Line}: -{name} has no yaml block (Type, Parameter Sets, Aliases, Required, ...)."); }
            parameters.Add(new ParameterPage(name, section.Line, description, yaml));
        }
        return parameters;
    }

    private static List<ExamplePage> ReadExamples(HelpMarkdown markdown, IReadOnlyList<Block> blocks, Action<string> problem)
    {
        var examples = new List<ExamplePage>();
        foreach (var section in markdown.Split(blocks, 3).Sections)
        {
            var code = section.Blocks.OfType<FencedCodeBlock>().ToList();
            var scripts = code.Where(f => PowerShellFences.Contains((f.Info ?? "").ToLowerInvariant()))
                .Select(f => new CodeSnippet(f.Line + 1, f.Lines.ToString())).ToList();
            var remarks = markdown.Paragraphs(section.Blocks.Where(b => b is not FencedCodeBlock));
            if (scripts.Count == 0) { problem($"{section.Line}: '{section.Title}' has no powershell code block."); }
            if (IsEmpty(remarks)) { problem($"{section.Line}: '{section.Title}' does not say what it does (no text)."); }
            examples.Add(new ExamplePage(section.Title, section.Line, string.Join("\n\n", code.Select(f => f.Lines.ToString().TrimEnd())), scripts, remarks));
        }
        return examples;
    }

    private static List<TypePage> ReadTypes(HelpMarkdown markdown, IReadOnlyList<Block> blocks, string sectionName, Action<string> problem)
    {
        var (preamble, sections) = markdown.Split(blocks, 3);
        if (!IsEmpty(markdown.Paragraphs(preamble))) { problem($" text under '## {sectionName}' must sit under a '### TypeName' heading."); }
        return sections.Select(s => new TypePage(s.Title, markdown.Paragraphs(s.Blocks))).ToList();
    }

    private static List<HelpLink> ReadLinks(HelpMarkdown markdown, IReadOnlyList<Block> blocks)
    {
        var links = new List<HelpLink>();
        var paragraphs = blocks.SelectMany(b => b is ContainerBlock c ? c.Descendants<ParagraphBlock>() : b is ParagraphBlock p ? [p] : []);
        foreach (var paragraph in paragraphs)
        {
            foreach (var line in HelpMarkdown.InlineLines(paragraph.Inline))
            {
                var content = line.Where(i => !(i is Markdig.Syntax.Inlines.LiteralInline l && l.Content.IsEmptyOrWhitespace())).ToList();
                if (content is [Markdig.Syntax.Inlines.LinkInline { IsImage: false } link])
                {
                    links.Add(new HelpLink(markdown.PlainText((IEnumerable<Markdig.Syntax.Inlines.Inline>)link), HelpMarkdown.IsWebAddress(link.Url) ? link.Url! : ""));
                }
                else if (markdown.PlainText(line).Trim() is { Length: > 0 } text)
                {
                    links.Add(new HelpLink(text, ""));
                }
            }
        }
        return links;
    }

    /// <summary>A one-level yaml mapping of text values (front matter, a parameter's block), read with YamlDotNet.</summary>
    private static Dictionary<string, string> ReadMapping(string yaml, int fenceLine, Action<int, string> problem, Func<string, bool> isKnown)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var lines = yaml.Split('\n');
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(yaml));
            if (stream.Documents.Count == 0) { return values; }
            if (stream.Documents[0].RootNode is not YamlMappingNode mapping)
            {
                problem(fenceLine + 1, "is not a list of 'Key: value' lines.");
                return values;
            }
            foreach (var (keyNode, valueNode) in mapping.Children)
            {
                var key = (keyNode as YamlScalarNode)?.Value ?? "";
                var at = fenceLine + (int)keyNode.Start.Line;
                var source = (int)keyNode.Start.Line - 1 < lines.Length ? lines[(int)keyNode.Start.Line - 1].TrimEnd('\r') : key;
                if (!isKnown(key)) { problem(at, $"'{source}' is not a schema 2.0.0 parameter field ({string.Join(", ", YamlKeys)})."); }
                else if (valueNode is YamlScalarNode scalar) { values[key] = scalar.Value ?? ""; }
                else { problem(at, $"'{source}' must have one line of text as its value."); }
            }
        }
        catch (YamlException e)
        {
            problem(fenceLine + (int)e.Start.Line, $"the yaml does not parse: {e.Message}");
        }
        catch (InvalidOperationException e)
        {
            // YamlDotNet 18.1 throws this, without a position, for some unclosed flow collections ("Type: [Int32").
            problem(fenceLine, $"the yaml does not parse: {e.Message}");
        }
        return values;
    }

    [GeneratedRegex(@"\{\{.*?\}\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"\s*\(Default\)\s*$")]
    private static partial Regex DefaultMark();

    [GeneratedRegex(@"^-(\w+)$")]
    private static partial Regex ParameterHeading();
}
