using System.Text;
using System.Xml;

namespace Codex.Plugins.HelpBuilder;

/// <summary>Writes the MAML file Get-Help reads beside a binary module (&lt;assembly&gt;.dll-Help.xml), in the layout
/// PlatyPS and PowerShell's own help files use. The words come from the page, every fact about a parameter (type,
/// required, position, pipeline input, aliases, wildcards, accepted values) from the cmdlet.</summary>
internal static class MamlWriter
{
    private const string Maml = "http://schemas.microsoft.com/maml/2004/10";
    private const string Command = "http://schemas.microsoft.com/maml/dev/command/2004/10";
    private const string Dev = "http://schemas.microsoft.com/maml/dev/2004/10";

    private sealed record ParameterHelp(ParameterFacts Facts, ParameterPage Page, bool Required, string Position, string PipelineInput);

    public static void Write(Stream output, IEnumerable<(CommandPage Page, CommandFacts Facts)> commands)
    {
        var settings = new XmlWriterSettings { Indent = true, NewLineChars = "\n", Encoding = new UTF8Encoding(false) };
        using var w = XmlWriter.Create(output, settings);
        w.WriteStartDocument();
        w.WriteStartElement("helpItems", "http://msh");
        w.WriteAttributeString("schema", "maml");
        w.WriteAttributeString("xmlns", "maml", null, Maml);
        w.WriteAttributeString("xmlns", "command", null, Command);
        w.WriteAttributeString("xmlns", "dev", null, Dev);
        foreach (var (page, facts) in commands) { WriteCommand(w, page, facts); }
        w.WriteEndElement();
        w.WriteEndDocument();
    }

    private static void WriteCommand(XmlWriter w, CommandPage page, CommandFacts facts)
    {
        w.WriteStartElement("command", "command", Command);
        w.WriteStartElement("command", "details", Command);
        Element(w, "command", "name", Command, facts.Name);
        Element(w, "command", "verb", Command, facts.Verb);
        Element(w, "command", "noun", Command, facts.Noun);
        Paragraphs(w, "maml", "description", Maml, [string.Join(" ", page.Synopsis)]);
        w.WriteEndElement();
        Paragraphs(w, "maml", "description", Maml, page.Description);

        w.WriteStartElement("command", "syntax", Command);
        foreach (var set in facts.Sets)
        {
            w.WriteStartElement("command", "syntaxItem", Command);
            Element(w, "maml", "name", Maml, facts.Name);
            foreach (var use in set.Parameters) { WriteParameter(w, Describe(page, facts, use.Name, use.Mandatory, use.Position, use.PipelineInput), inSyntax: true); }
            w.WriteEndElement();
        }
        w.WriteEndElement();

        // The list follows the page's order; where sets disagree, the default set's position is shown and a
        // parameter counts as required when some set requires it.
        w.WriteStartElement("command", "parameters", Command);
        foreach (var documented in page.Parameters)
        {
            var uses = facts.Sets.SelectMany(s => s.Parameters.Where(p => p.Name == documented.Name).Select(p => (Set: s, Use: p))).ToList();
            var shown = uses.FirstOrDefault(u => u.Set.IsDefault).Use ?? uses[0].Use;
            var any = new ParameterUse(documented.Name, uses.Any(u => u.Use.Mandatory), shown.Position, uses.Any(u => u.Use.ByValue), uses.Any(u => u.Use.ByPropertyName));
            WriteParameter(w, Describe(page, facts, documented.Name, any.Mandatory, any.Position, any.PipelineInput), inSyntax: false);
        }
        w.WriteEndElement();

        WriteTypes(w, "inputTypes", "inputType", page.Inputs);
        WriteTypes(w, "returnValues", "returnValue", page.Outputs);
        if (page.Notes.Count > 0)
        {
            w.WriteStartElement("maml", "alertSet", Maml);
            Paragraphs(w, "maml", "alert", Maml, page.Notes);
            w.WriteEndElement();
        }

        w.WriteStartElement("command", "examples", Command);
        foreach (var example in page.Examples)
        {
            w.WriteStartElement("command", "example", Command);
            // Titles carry the dashes Get-Help's own examples have, so examples stand apart in the console.
            var dashes = new string('-', Math.Max(4, (int)Math.Floor((64 - example.Title.Length - 2) / 2.0)));
            Element(w, "maml", "title", Maml, $"{dashes} {example.Title} {dashes}");
            Element(w, "dev", "code", Dev, example.Code);
            // The empty paragraph is the blank line between one example's remarks and the next title.
            Paragraphs(w, "dev", "remarks", Dev, [.. example.Remarks, ""]);
            w.WriteEndElement();
        }
        w.WriteEndElement();

        w.WriteStartElement("command", "relatedLinks", Command);
        var online = page.Metadata.GetValueOrDefault("online version", "").Trim();
        foreach (var link in (online.Length > 0 ? [new HelpLink("Online Version:", online)] : Array.Empty<HelpLink>()).Concat(page.Links))
        {
            w.WriteStartElement("maml", "navigationLink", Maml);
            Element(w, "maml", "linkText", Maml, link.Text);
            Element(w, "maml", "uri", Maml, link.Uri);
            w.WriteEndElement();
        }
        w.WriteEndElement();

        w.WriteEndElement();
    }

    private static ParameterHelp Describe(CommandPage page, CommandFacts facts, string name, bool required, string position, string pipelineInput) =>
        new(facts.Parameters.Single(p => p.Name == name), page.Parameters.Single(p => p.Name == name), required, position, pipelineInput);

    private static void WriteParameter(XmlWriter w, ParameterHelp p, bool inSyntax)
    {
        var facts = p.Facts;
        w.WriteStartElement("command", "parameter", Command);
        w.WriteAttributeString("required", Lower(p.Required));
        w.WriteAttributeString("variableLength", Lower(facts.IsArray));
        w.WriteAttributeString("globbing", Lower(facts.Globbing));
        w.WriteAttributeString("pipelineInput", p.PipelineInput);
        w.WriteAttributeString("position", p.Position == "Named" ? "named" : p.Position);
        w.WriteAttributeString("aliases", facts.Aliases.Count > 0 ? string.Join(", ", facts.Aliases) : "none");
        Element(w, "maml", "name", Maml, facts.Name);
        Paragraphs(w, "maml", "description", Maml, p.Page.Description);
        if (inSyntax && facts.AcceptedValues.Count > 0)
        {
            w.WriteStartElement("command", "parameterValueGroup", Command);
            foreach (var value in facts.AcceptedValues) { ParameterValue(w, value, required: false, variableLength: false); }
            w.WriteEndElement();
        }
        // A switch shows as [-Name] in syntax, and as -Name [<SwitchParameter>] in the parameter list.
        if (!(inSyntax && facts.IsSwitch)) { ParameterValue(w, facts.TypeName, required: !facts.IsSwitch, variableLength: facts.IsArray); }
        w.WriteStartElement("dev", "type", Dev);
        Element(w, "maml", "name", Maml, facts.TypeFullName);
        Element(w, "maml", "uri", Maml, "");
        w.WriteEndElement();
        var defaultValue = p.Page.Yaml.Select(y => y.Values.GetValueOrDefault("Default value")).FirstOrDefault(v => v is not null);
        Element(w, "dev", "defaultValue", Dev, string.IsNullOrEmpty(defaultValue) ? (facts.IsSwitch ? "False" : "None") : defaultValue);
        w.WriteEndElement();
    }

    private static void WriteTypes(XmlWriter w, string list, string item, IEnumerable<TypePage> types)
    {
        w.WriteStartElement("command", list, Command);
        foreach (var type in types)
        {
            w.WriteStartElement("command", item, Command);
            w.WriteStartElement("dev", "type", Dev);
            Element(w, "maml", "name", Maml, type.Type);
            w.WriteEndElement();
            Paragraphs(w, "maml", "description", Maml, type.Description);
            w.WriteEndElement();
        }
        w.WriteEndElement();
    }

    private static void ParameterValue(XmlWriter w, string text, bool required, bool variableLength)
    {
        w.WriteStartElement("command", "parameterValue", Command);
        w.WriteAttributeString("required", Lower(required));
        w.WriteAttributeString("variableLength", Lower(variableLength));
        w.WriteString(text);
        w.WriteEndElement();
    }

    private static void Paragraphs(XmlWriter w, string prefix, string name, string ns, IEnumerable<string> paragraphs)
    {
        w.WriteStartElement(prefix, name, ns);
        foreach (var paragraph in paragraphs) { Element(w, "maml", "para", Maml, paragraph); }
        w.WriteEndElement();
    }

    private static void Element(XmlWriter w, string prefix, string name, string ns, string text)
    {
        w.WriteStartElement(prefix, name, ns);
        w.WriteString(text);
        w.WriteEndElement();
    }

    private static string Lower(bool value) => value ? "true" : "false";
}
