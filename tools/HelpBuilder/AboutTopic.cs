using System.Text;

namespace Codex.Plugins.HelpBuilder;

/// <summary>A docs/about_*.md page turned into the about_*.help.txt layout Get-Help prints: TOPIC, then section titles
/// in capitals at the margin, the text under them indented four spaces and wrapped at 80 columns (list items with a
/// hanging indent, table rows as written), code indented eight and left as written.</summary>
internal static class AboutTopic
{
    private const int Width = 80;

    public static (string Text, List<string> Problems) Read(string path, string displayPath)
    {
        var topic = Path.GetFileNameWithoutExtension(path);
        var markdown = HelpMarkdown.Read(path);
        var problems = new List<string>();
        var top = markdown.Split(markdown.Document, 1).Sections;
        if (top.Count != 1 || top[0].Title != topic)
        {
            problems.Add($"{displayPath}: needs exactly one title, '# {topic}'.");
            return ("", problems);
        }
        var sections = markdown.Split(top[0].Blocks, 2).Sections;
        foreach (var name in new[] { "SHORT DESCRIPTION", "LONG DESCRIPTION" })
        {
            var section = CommandPageReader.Find(sections, name);
            if (section is null) { problems.Add($"{displayPath}: has no '## {name}' section."); }
            else if (CommandPageReader.IsEmpty(markdown.Paragraphs(section.Blocks))) { problems.Add($"{displayPath}: '## {name}' is empty."); }
        }
        return (Format(markdown, topic, top[0].Blocks), problems);
    }

    private static string Format(HelpMarkdown markdown, string topic, IEnumerable<Markdig.Syntax.Block> body)
    {
        var lines = new List<string> { "TOPIC", "    " + topic };
        var afterHeading = false;
        HelpPiece? previous = null;
        foreach (var piece in markdown.Pieces(body))
        {
            switch (piece.Kind)
            {
                case HelpPieceKind.Heading:
                    lines.Add("");
                    lines.Add(piece.Level <= 2
                        ? piece.Text.ToUpperInvariant()
                        : "  " + piece.Text);
                    afterHeading = true;
                    break;
                case HelpPieceKind.Code:
                    if (!afterHeading) { lines.Add(""); }
                    lines.AddRange(piece.Text.Split('\n').Select(line => ("        " + line).TrimEnd()));
                    afterHeading = false;
                    break;
                default:
                    // Lines written together (no blank line between) stay together, as a paragraph does.
                    var continues = previous is { Kind: HelpPieceKind.Text or HelpPieceKind.Table } && !markdown.FollowsBlankLine(piece.Line);
                    if (!continues && !afterHeading) { lines.Add(""); }
                    lines.AddRange(piece.Kind == HelpPieceKind.Table ? piece.Rows.Select(row => "    " + row.Source) : Wrap(piece));
                    afterHeading = false;
                    break;
            }
            previous = piece;
        }
        return string.Join("\n", lines) + "\n";
    }

    private static List<string> Wrap(HelpPiece piece)
    {
        if (piece.Marker is null) { return Wrap(piece.Text, "    ", "    "); }
        var marker = char.IsDigit(piece.Marker[0]) ? piece.Marker : "-";
        return Wrap(piece.Text, $"    {marker} ", "    " + new string(' ', marker.Length + 1));
    }

    private static List<string> Wrap(string text, string indent, string hanging)
    {
        var lines = new List<string>();
        var current = new StringBuilder(indent);
        var fresh = true;
        foreach (var word in text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            if (!fresh && current.Length + 1 + word.Length > Width)
            {
                lines.Add(current.ToString());
                current.Clear().Append(hanging).Append(word);
            }
            else
            {
                current.Append(fresh ? "" : " ").Append(word);
            }
            fresh = false;
        }
        if (!fresh) { lines.Add(current.ToString()); }
        return lines;
    }
}
