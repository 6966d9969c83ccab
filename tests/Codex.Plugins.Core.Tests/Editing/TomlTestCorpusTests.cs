using Codex.Plugins.Configuration;
using Codex.Plugins.Configuration.Editing;
using Codex.Plugins.Diagnostics;
using Codex.Plugins.Tests.Support;

namespace Codex.Plugins.Tests.Editing;

/// <summary>Skips, with the reason, when ../shared/corpora/toml-test is not beside the repository.</summary>
public sealed class CorpusFactAttribute : FactAttribute
{
    public CorpusFactAttribute()
    {
        if (TomlTestCorpus.Root is null)
        {
            Skip = $"The toml-test corpus is not at {TomlTestCorpus.Expected} (../shared/corpora/toml-test beside the repository); these tests read it in place.";
        }
    }
}

/// <summary>The toml-test corpus, read in place (never copied into the repository).</summary>
public static class TomlTestCorpus
{
    /// <summary>
    /// ../shared/corpora/toml-test beside the repository; from a git worktree (one folder deeper) the nearest
    /// shared/corpora/toml-test further up counts too.
    /// </summary>
    public static string Expected { get; } = Locate();

    public static string? Root => File.Exists(Path.Combine(Expected, "tests", "files-toml-1.1.0")) ? Expected : null;

    /// <summary>The TOML 1.1 list: what Codex 0.169.0 reads.</summary>
    public static IEnumerable<string> Files(string kind) =>
        File.ReadAllLines(Path.Combine(Root!, "tests", "files-toml-1.1.0"))
            .Where(l => l.StartsWith(kind + "/", StringComparison.Ordinal) && l.EndsWith(".toml", StringComparison.Ordinal))
            .Select(l => Path.Combine(Root!, "tests", l));

    private static string Locate()
    {
        string beside = Path.GetFullPath(Path.Combine(RepositoryRoot(), "..", "shared", "corpora", "toml-test"));
        for (string? dir = Path.GetDirectoryName(RepositoryRoot()); dir is not null; dir = Path.GetDirectoryName(dir))
        {
            string candidate = Path.Combine(dir, "shared", "corpora", "toml-test");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        return beside;
    }

    private static string RepositoryRoot()
    {
        string? dir = AppContext.BaseDirectory;
        while (dir is not null && !File.Exists(Path.Combine(dir, "Codex.Plugins.slnx")))
        {
            dir = Path.GetDirectoryName(dir);
        }

        return dir ?? AppContext.BaseDirectory;
    }
}

/// <summary>
/// Lossless editing proven on a public corpus: every valid TOML 1.1 document survives a no-op edit byte for byte,
/// takes a new key anywhere without any other value moving, and every invalid document is refused with its line
/// and column while the file stays as it was.
/// </summary>
public sealed class TomlTestCorpusTests
{
    private const string Probe = "codex_edit_probe";

    [CorpusFact]
    public void Every_valid_document_survives_a_no_op_edit_byte_for_byte()
    {
        var failures = new List<string>();
        using var tree = new TempTree();
        int checkedScalars = 0;
        foreach (string file in TomlTestCorpus.Files("valid"))
        {
            byte[] original = File.ReadAllBytes(file);
            // A copy outside the repository, because Commit really goes through the lock and the rename.
            string copy = tree.Write("noop/" + Guid.NewGuid().ToString("N") + ".toml", string.Empty);
            File.WriteAllBytes(copy, original);
            ConfigEdit edit = ConfigEdit.Open(copy);

            // Setting a key to the value it already has is a no-op too: no re-quoting, no re-formatting.
            TomlFile parsed = TomlFileReader.Parse(original, file);
            if (FirstScalar(parsed.Root, new List<string>()) is { } scalar)
            {
                checkedScalars++;
                Assert.False(edit.Set(scalar.Key, scalar.Value), $"{file}: setting {TomlEditValue.JoinKey(scalar.Key)} to its own value reported a change");
            }

            ConfigEditResult result = edit.Commit();
            if (result.Written || !File.ReadAllBytes(copy).AsSpan().SequenceEqual(original) || !edit.ToBytes().AsSpan().SequenceEqual(original))
            {
                failures.Add(Rel(file));
            }
        }

        Assert.True(failures.Count == 0, "Changed by a no-op edit: " + string.Join(", ", failures));
        Assert.True(checkedScalars > 100, $"only {checkedScalars} documents had a scalar to re-set; the corpus looks wrong");
    }

    [CorpusFact]
    public void Setting_a_new_key_changes_only_that_key_in_every_valid_document()
    {
        var failures = new List<string>();
        int edits = 0;
        foreach (string file in TomlTestCorpus.Files("valid"))
        {
            byte[] bytes = File.ReadAllBytes(file);
            TomlFile original = TomlFileReader.Parse(bytes, file);
            // At the root, under every standard and inline table the document has (not inside arrays of tables),
            // and as a new three-level path: each must land where it belongs and leave every other value alone.
            var targets = new List<string[]> { new[] { Probe }, new[] { "codex-edit", "a b", "c.d" } };
            targets.AddRange(Tables(original.Root, new List<string>()).Select(t => t.Append(Probe).ToArray()));
            foreach (string[] key in targets)
            {
                ConfigEdit edit = ConfigEdit.Open(file);
                try
                {
                    Assert.True(edit.Set(key, TomlEditValue.StringArray(new[] { "x", "y\"z" })));
                }
                catch (CodexIssueException ex)
                {
                    failures.Add($"{Rel(file)} [{TomlEditValue.JoinKey(key)}]: {ex.Issue.Message}");
                    continue;
                }

                edits++;
                object? expected = original.Root.ToPlainValue();
                Put((Dictionary<string, object?>)expected!, key, new object[] { "x", "y\"z" });
                object? actual;
                try
                {
                    actual = TomlFileReader.Parse(edit.ToBytes(), file).Root.ToPlainValue();
                }
                catch (CodexIssueException ex)
                {
                    failures.Add($"{Rel(file)} [{TomlEditValue.JoinKey(key)}]: result does not parse: {ex.Issue.Message}");
                    continue;
                }

                if (!DeepEqual(expected, actual))
                {
                    failures.Add($"{Rel(file)} [{TomlEditValue.JoinKey(key)}]: model differs");
                }
                else if (!IsOneInsertion(edit.OriginalText, edit.Text) && !System.Text.RegularExpressions.Regex.IsMatch(edit.OriginalText, @"\{\s*\}"))
                {
                    // A new key is one contiguous insertion: the original text before and after it is untouched.
                    // (Only an empty inline table {} is rewritten whole, as { key = value }.)
                    failures.Add($"{Rel(file)} [{TomlEditValue.JoinKey(key)}]: text other than the new key changed");
                }
            }
        }

        Assert.True(failures.Count == 0, failures.Count + " failures:\n" + string.Join("\n", failures.Take(40)));
        Assert.True(edits > 400, $"only {edits} edits were made");
    }

    [CorpusFact]
    public void Removing_any_key_or_table_removes_only_it_in_every_valid_document()
    {
        var failures = new List<string>();
        int removals = 0;
        foreach (string file in TomlTestCorpus.Files("valid"))
        {
            TomlFile original = TomlFileReader.Parse(File.ReadAllBytes(file), file);
            foreach (string[] key in Keys(original.Root, new List<string>()))
            {
                ConfigEdit edit = ConfigEdit.Open(file);
                try
                {
                    Assert.True(edit.Remove(key));
                }
                catch (CodexIssueException ex) when (ex.Issue.ErrorId == ErrorIds.ConfigEditUnsupported)
                {
                    // Keys under arrays of tables are refused by design (which element is meant?).
                    continue;
                }
                catch (CodexIssueException ex)
                {
                    failures.Add($"{Rel(file)} [{TomlEditValue.JoinKey(key)}]: {ex.Issue.Message}");
                    continue;
                }

                removals++;
                var expected = (Dictionary<string, object?>)original.Root.ToPlainValue()!;
                Drop(expected, key);
                object? actual = TomlFileReader.Parse(edit.ToBytes(), file).Root.ToPlainValue();
                // A table that only dotted keys or sub-table headers created goes with its last key: compare the
                // models without empty tables.
                if (!DeepEqual(WithoutEmptyTables(expected), WithoutEmptyTables(actual)))
                {
                    failures.Add($"{Rel(file)} [{TomlEditValue.JoinKey(key)}]: model differs");
                }
            }
        }

        Assert.True(failures.Count == 0, failures.Count + " failures:\n" + string.Join("\n", failures.Take(40)));
        Assert.True(removals > 500, $"only {removals} removals were made");
    }

    [CorpusFact]
    public void Replacing_any_value_changes_only_it_in_every_valid_document()
    {
        var failures = new List<string>();
        int replaced = 0;
        foreach (string file in TomlTestCorpus.Files("valid"))
        {
            TomlFile original = TomlFileReader.Parse(File.ReadAllBytes(file), file);
            foreach (string[] key in Keys(original.Root, new List<string>()).Where(k => ConfigStack.Get(original.Root, k) is not TomlTableNode))
            {
                ConfigEdit edit = ConfigEdit.Open(file);
                try
                {
                    Assert.True(edit.Set(key, TomlEditValue.String("new \"value\"")));
                }
                catch (CodexIssueException ex)
                {
                    failures.Add($"{Rel(file)} [{TomlEditValue.JoinKey(key)}]: {ex.Issue.Message}");
                    continue;
                }

                replaced++;
                var expected = (Dictionary<string, object?>)original.Root.ToPlainValue()!;
                Put(expected, key, "new \"value\"");
                object? actual = TomlFileReader.Parse(edit.ToBytes(), file).Root.ToPlainValue();
                if (!DeepEqual(expected, actual))
                {
                    failures.Add($"{Rel(file)} [{TomlEditValue.JoinKey(key)}]: model differs");
                }
            }
        }

        Assert.True(failures.Count == 0, failures.Count + " failures:\n" + string.Join("\n", failures.Take(40)));
        Assert.True(replaced > 500, $"only {replaced} values were replaced");
    }

    /// <summary>Every key path of a document, tables and values, outside arrays of tables.</summary>
    private static IEnumerable<string[]> Keys(TomlTableNode table, List<string> prefix)
    {
        foreach (var (key, node) in table.Items)
        {
            var path = prefix.Append(key).ToList();
            if (node is TomlArrayNode { IsTableArray: true })
            {
                continue;
            }

            yield return path.ToArray();
            if (node is TomlTableNode t)
            {
                foreach (string[] inner in Keys(t, path))
                {
                    yield return inner;
                }
            }
        }
    }

    private static object? WithoutEmptyTables(object? value) => value switch
    {
        Dictionary<string, object?> d => d.Select(kv => (kv.Key, Value: WithoutEmptyTables(kv.Value)))
            .Where(kv => kv.Value is not Dictionary<string, object?> { Count: 0 })
            .ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal),
        object[] a => a.Select(WithoutEmptyTables).ToArray(),
        _ => value,
    };

    private static void Drop(Dictionary<string, object?> root, string[] key)
    {
        Dictionary<string, object?> current = root;
        foreach (string segment in key[..^1])
        {
            current = (Dictionary<string, object?>)current[segment]!;
        }

        current.Remove(key[^1]);
    }

    [CorpusFact]
    public void Every_invalid_document_is_refused_with_line_and_column_and_left_untouched()
    {
        var failures = new List<string>();
        int count = 0;
        using var tree = new TempTree();
        foreach (string original in TomlTestCorpus.Files("invalid"))
        {
            count++;
            // Each document is edited in a copy: the corpus is shared and read-only to us, and an edit that got as far
            // as the lock would leave a lock file beside the original.
            string file = Path.Combine(tree.Root, $"invalid-{count}.toml");
            File.Copy(original, file);
            byte[] before = File.ReadAllBytes(file);
            DateTime stamp = File.GetLastWriteTimeUtc(file);
            try
            {
                ConfigEdit edit = ConfigEdit.Open(file);
                edit.Set(new[] { Probe }, "x");
                edit.Commit();
                failures.Add($"{Rel(original)}: accepted");
            }
            catch (CodexIssueException ex) when (ex.Issue.Line is null || ex.Issue.Column is null)
            {
                failures.Add($"{Rel(original)}: refused without line and column ({ex.Issue.ErrorId})");
            }
            catch (CodexIssueException)
            {
            }

            if (!File.ReadAllBytes(file).AsSpan().SequenceEqual(before) || File.GetLastWriteTimeUtc(file) != stamp)
            {
                failures.Add($"{Rel(original)}: changed");
            }
        }

        Assert.Equal(492, count);
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    private static bool IsOneInsertion(string original, string edited)
    {
        int prefix = 0;
        while (prefix < original.Length && prefix < edited.Length && original[prefix] == edited[prefix])
        {
            prefix++;
        }

        int suffix = 0;
        while (suffix < original.Length - prefix && suffix < edited.Length - prefix && original[^(suffix + 1)] == edited[^(suffix + 1)])
        {
            suffix++;
        }

        return prefix + suffix == original.Length && edited.Length > original.Length;
    }

    private static string Rel(string file) => Path.GetRelativePath(Path.Combine(TomlTestCorpus.Root!, "tests"), file);

    private static (string[] Key, TomlEditValue Value)? FirstScalar(TomlTableNode table, List<string> prefix)
    {
        foreach (var (key, node) in table.Items)
        {
            var path = prefix.Append(key).ToArray();
            switch (node)
            {
                case TomlValueNode { IsDateTime: false, Value: string s }:
                    return (path, TomlEditValue.String(s));
                case TomlValueNode { Value: bool b }:
                    return (path, TomlEditValue.Boolean(b));
                case TomlValueNode { Value: long l }:
                    return (path, TomlEditValue.Integer(l));
                case TomlValueNode { Value: double d }:
                    return (path, TomlEditValue.Float(d));
                case TomlTableNode t when FirstScalar(t, path.ToList()) is { } inner:
                    return inner;
            }
        }

        return null;
    }

    private static IEnumerable<string[]> Tables(TomlTableNode table, List<string> prefix)
    {
        foreach (var (key, node) in table.Items)
        {
            if (node is TomlTableNode t)
            {
                var path = prefix.Append(key).ToList();
                yield return path.ToArray();
                foreach (string[] inner in Tables(t, path))
                {
                    yield return inner;
                }
            }
        }
    }

    private static void Put(Dictionary<string, object?> root, string[] key, object value)
    {
        Dictionary<string, object?> current = root;
        foreach (string segment in key[..^1])
        {
            if (!current.TryGetValue(segment, out object? next) || next is not Dictionary<string, object?> d)
            {
                d = new Dictionary<string, object?>(StringComparer.Ordinal);
                current[segment] = d;
            }

            current = d;
        }

        current[key[^1]] = value;
    }

    internal static bool DeepEqual(object? a, object? b) => (a, b) switch
    {
        (Dictionary<string, object?> x, Dictionary<string, object?> y) => x.Count == y.Count && x.All(kv => y.TryGetValue(kv.Key, out var v) && DeepEqual(kv.Value, v)),
        (object[] x, object[] y) => x.Length == y.Length && x.Zip(y).All(p => DeepEqual(p.First, p.Second)),
        _ => Equals(a, b),
    };
}
