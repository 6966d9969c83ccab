using System.Text.RegularExpressions;

namespace Codex.Plugins.Tests.Support;

/// <summary>
/// One file, one type; files named for the type they hold (issue 11). A newcomer looking for a type opens the file of
/// that name and finds it there, alone. Nested types are fine: they are part of the type that holds them.
/// </summary>
public sealed partial class SourceLayoutTests
{
    // Every source file uses a file-scoped namespace, so a top-level declaration starts at column 0 and a nested one
    // never does: the column is the whole parse. Attributes sit on lines of their own in this code base.
    [GeneratedRegex(@"^(?:(?:public|internal|file)\s+)?(?<mods>(?:(?:sealed|static|abstract|partial|readonly|unsafe|ref)\s+)*)(?:record\s+(?:class|struct)|class|record|enum|struct|interface|delegate\s+[\w<>\[\]?,. ]+?)\s+(?<name>[A-Za-z_]\w*)")]
    private static partial Regex TopLevelType();

    [GeneratedRegex(@"^namespace\s+[\w.]+\s*;", RegexOptions.Multiline)]
    private static partial Regex FileScopedNamespace();

    [Fact]
    public void EverySourceFileHoldsOneTopLevelTypeNamedLikeTheFile()
    {
        string src = Path.Combine(RepositoryRoot(), "src");
        var problems = new List<string>();
        int types = 0;
        foreach (string file in SourceFiles(src))
        {
            string relative = Path.GetRelativePath(src, file);
            string text = File.ReadAllText(file);
            if (!FileScopedNamespace().IsMatch(text))
            {
                // A block namespace would indent top-level types and hide them from the column rule.
                problems.Add($"{relative}: no file-scoped namespace");
                continue;
            }

            var declared = text.Split('\n')
                .Select(line => TopLevelType().Match(line))
                .Where(m => m.Success)
                .Select(m => (Name: m.Groups["name"].Value, Partial: m.Groups["mods"].Value.Contains("partial", StringComparison.Ordinal)))
                .ToList();
            types += declared.Count;
            string fileName = Path.GetFileNameWithoutExtension(file);
            if (declared.Count != 1)
            {
                problems.Add($"{relative}: {declared.Count} top-level types ({string.Join(", ", declared.Select(d => d.Name))})");
                continue;
            }

            // A partial type may be spread over Name.cs and Name.Part.cs (ErrorIds.Hooks.cs, TomlTextEditor.Removal.cs).
            var (name, isPartial) = declared[0];
            bool named = fileName == name || (isPartial && fileName.StartsWith(name + ".", StringComparison.Ordinal));
            if (!named)
            {
                problems.Add($"{relative}: holds {name}");
            }
        }

        // The rule cannot pass by finding nothing: the engine and the cmdlets hold hundreds of types.
        Assert.True(types > 300, $"only {types} top-level types found under {src}");
        Assert.True(problems.Count == 0, "Files that break 'one file, one type, named for it':\n" + string.Join('\n', problems));
    }

    /// <summary>
    /// The sizes issue 11 set: no engine file over 400 lines, no cmdlet file of 150 or more. A file that grows past them
    /// holds a second concept waiting for its own file.
    /// </summary>
    [Fact]
    public void NoEngineFileOver400LinesAndNoCmdletFileOf150()
    {
        string src = Path.Combine(RepositoryRoot(), "src");
        string commands = Path.Combine(src, "Codex.Plugins", "Commands") + Path.DirectorySeparatorChar;
        var sizes = SourceFiles(src).Select(f => (File: f, Lines: File.ReadAllLines(f).Length)).ToList();
        var over = sizes
            .Where(s => s.File.StartsWith(commands, StringComparison.Ordinal) ? s.Lines >= 150 : s.Lines > 400)
            .Select(s => $"{Path.GetRelativePath(src, s.File)}: {s.Lines} lines")
            .ToList();
        Assert.True(sizes.Count(s => s.File.StartsWith(commands, StringComparison.Ordinal)) > 30, "the cmdlet files were not found");
        Assert.True(over.Count == 0, "Files over their size:\n" + string.Join('\n', over));
    }

    private static IEnumerable<string> SourceFiles(string src) =>
        Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Split(Path.DirectorySeparatorChar).Any(part => part is "obj" or "bin"))
            .Order(StringComparer.Ordinal);

    private static string RepositoryRoot()
    {
        string? dir = AppContext.BaseDirectory;
        while (dir is not null && !File.Exists(Path.Combine(dir, "Codex.Plugins.slnx")))
        {
            dir = Path.GetDirectoryName(dir);
        }

        return dir ?? throw new InvalidOperationException($"No Codex.Plugins.slnx above {AppContext.BaseDirectory}.");
    }
}
