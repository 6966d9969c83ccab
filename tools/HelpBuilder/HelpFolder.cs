using System.Text;
using System.Text.Json;

namespace Codex.Plugins.HelpBuilder;

/// <summary>The docs folder: command pages (Verb-Noun.md) and about topics (about_*.md).</summary>
internal static class HelpFolder
{
    public sealed record Report(List<CommandPage> Pages, List<string> Problems);

    public static Report Read(string docs)
    {
        var pages = CommandPages(docs).Select(file => CommandPageReader.Read(file, Display(docs, file))).ToList();
        var problems = pages.SelectMany(p => p.Problems).Concat(AboutFiles(docs).SelectMany(file => AboutTopic.Read(file, Display(docs, file)).Problems)).ToList();
        return new Report(pages, problems);
    }

    /// <summary>Writes one MAML file per help file name the cmdlets give, and every about topic; returns the problems
    /// that stopped it (none when the checks before it passed).</summary>
    public static List<string> Write(string docs, IReadOnlyList<CommandFacts> commands, string output)
    {
        var problems = new List<string>();
        var pages = commands.ToDictionary(c => c.Name, c => CommandPageReader.Read(Path.Combine(docs, c.Name + ".md"), Display(docs, Path.Combine(docs, c.Name + ".md"))));
        var abouts = AboutFiles(docs).Select(file => (Name: Path.GetFileNameWithoutExtension(file), Topic: AboutTopic.Read(file, Display(docs, file)))).ToList();
        problems.AddRange(pages.Values.SelectMany(p => p.Problems).Concat(abouts.SelectMany(a => a.Topic.Problems)));
        if (problems.Count > 0) { return problems; }

        Directory.CreateDirectory(output);
        foreach (var helpFile in commands.GroupBy(c => c.HelpFile))
        {
            using var stream = File.Create(Path.Combine(output, helpFile.Key));
            MamlWriter.Write(stream, helpFile.Select(c => (pages[c.Name], c)));
        }
        foreach (var (name, topic) in abouts)
        {
            File.WriteAllText(Path.Combine(output, name + ".help.txt"), topic.Text, new UTF8Encoding(false));
        }
        return problems;
    }

    /// <summary>The cmdlet facts tools/Build-Help.ps1 wrote (ConvertTo-Json of what the imported module says).</summary>
    public static List<CommandFacts> ReadFacts(string path) =>
        JsonSerializer.Deserialize<List<CommandFacts>>(File.ReadAllText(path), new JsonSerializerOptions { PropertyNameCaseInsensitive = true }) ?? [];

    // Command pages are named Verb-Noun.md; other pages (about_*, architecture.md) are not command help.
    private static IEnumerable<string> CommandPages(string docs) =>
        Directory.EnumerateFiles(docs, "*-*.md").Where(f => !Path.GetFileName(f).StartsWith("about_", StringComparison.Ordinal)).Order(StringComparer.Ordinal);

    private static IEnumerable<string> AboutFiles(string docs) =>
        Directory.EnumerateFiles(docs, "about_*.md").Order(StringComparer.Ordinal);

    private static string Display(string docs, string file) =>
        Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(docs))) + "/" + Path.GetFileName(file);
}
