using System.Text;
using System.Text.Json;

namespace Codex.Plugins.HelpBuilder;

/// <summary>
/// The help build's markdown half. tools/Build-Help.ps1 runs it twice:
///   read DOCS JSON            reads every page and about topic in DOCS and writes JSON: each page's facts for the
///                             checks against the cmdlets, and every problem a page has on its own;
///   write DOCS FACTS OUT      after the checks passed: writes OUT/&lt;HelpFile&gt; (MAML) for the cmdlets in FACTS
///                             (JSON, from the imported module) and OUT/about_*.help.txt.
/// Exit codes: 0 done, 1 a page could not be used, 2 bad arguments.
/// </summary>
internal static class Program
{
    public static int Main(string[] args)
    {
        switch (args)
        {
            case ["read", var docs, var json]:
                File.WriteAllText(json, JsonSerializer.Serialize(HelpFolder.Read(docs), new JsonSerializerOptions { WriteIndented = true }), new UTF8Encoding(false));
                return 0;
            case ["write", var docs, var factsPath, var output]:
                var problems = HelpFolder.Write(docs, HelpFolder.ReadFacts(factsPath), output);
                foreach (var problem in problems) { Console.Error.WriteLine(problem); }
                return problems.Count == 0 ? 0 : 1;
            default:
                Console.Error.WriteLine("usage: Codex.Plugins.HelpBuilder read DOCS JSON | write DOCS FACTS OUTPUT");
                return 2;
        }
    }
}
