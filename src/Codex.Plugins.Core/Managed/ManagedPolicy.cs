using System.Collections;
using System.Globalization;
using Codex.Plugins.Diagnostics;
using Codex.Plugins.Hooks;
using Codex.Plugins.Permissions;

namespace Codex.Plugins.Managed;

/// <summary>
/// A fleet policy: what requirements.toml enforces and what managed_config.toml sets as defaults. Built from plain
/// dictionaries (a hashtable, a .psd1 policy file, cmdlet parameters), normalised into a canonical order (so one policy
/// always gives the same bytes and hash on every machine), and checked the way Codex checks it before anything is
/// written: unknown keys, values Codex refuses, and defaults the same policy forbids are issues with ids.
/// </summary>
public sealed class ManagedPolicy
{
    private ManagedPolicy(SortedTree requirements, SortedTree defaults, string source)
    {
        Requirements = requirements;
        Defaults = defaults;
        Source = source;
    }

    /// <summary>requirements.toml, as a tree of plain values in the order it is written.</summary>
    public IReadOnlyDictionary<string, object?> Requirements { get; }

    /// <summary>managed_config.toml, as a tree of plain values in the order it is written.</summary>
    public IReadOnlyDictionary<string, object?> Defaults { get; }

    /// <summary>Where the policy came from (a file, "parameters"), for messages.</summary>
    public string Source { get; }

    /// <summary>
    /// Normalises and checks a policy. Returns null with the issues when Codex would refuse it or the policy
    /// contradicts itself; nothing may be written then.
    /// </summary>
    public static ManagedPolicy? Create(IDictionary? requirements, IDictionary? defaults, string source, out IReadOnlyList<CodexIssue> issues)
    {
        var found = new List<CodexIssue>();
        SortedTree req = Normalise(requirements, "requirements", ManagedPolicyRules.RequirementKeys, source, found);
        SortedTree def = Normalise(defaults, "managed_config", ManagedPolicyRules.DefaultKeys, source, found);
        var checker = new ManagedPolicyChecker(req, def, source, found);
        checker.CheckRequirements();
        checker.CheckDefaults();
        checker.CheckContradictions();
        issues = found;
        return found.Any(i => i.Kind != IssueKind.Warning) ? null : new ManagedPolicy(req, def, source);
    }

    private static SortedTree Normalise(IDictionary? input, string file, IReadOnlyList<string> knownKeys, string source, List<CodexIssue> issues)
    {
        var tree = new SortedTree();
        if (input is null)
        {
            return tree;
        }

        var known = new HashSet<string>(knownKeys, StringComparer.Ordinal);
        var entries = new List<(string Key, object? Value)>();
        foreach (DictionaryEntry entry in input)
        {
            string key = Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? string.Empty;
            // The documents' own alias, which Codex reads as [features].
            string canonical = key == "feature_requirements" && file == "requirements" ? "features" : key;
            if (!known.Contains(canonical))
            {
                string? near = knownKeys.FirstOrDefault(k => string.Equals(k, canonical, StringComparison.OrdinalIgnoreCase));
                issues.Add(new CodexIssue(ErrorIds.ManagedPolicyKeyUnknown, IssueKind.InvalidData,
                    $"`{key}` is not a key Codex reads in {file}.toml; Codex would ignore it and the policy would not do what it says.",
                    source, Target: key,
                    RecommendedAction: near is not null ? $"Did you mean `{near}`? Keys are case-sensitive." : $"Use one of: {string.Join(", ", knownKeys)}."));
                continue;
            }

            object? plain = Plain(entry.Value);
            // A single value where Codex reads a list ("on-request" for allowed_approval_policies) is that list of one.
            if (plain is string one && canonical.StartsWith("allowed_", StringComparison.Ordinal) && canonical != "allowed_permission_profiles")
            {
                plain = new List<object?> { one };
            }

            entries.Add((canonical, plain));
        }

        // Top-level keys in the documented order; tables below in ordinal order (hashtables have no order of their own).
        foreach (string key in knownKeys)
        {
            foreach (var (k, v) in entries.Where(e => e.Key == key))
            {
                if (v is not null)
                {
                    tree[k] = v;
                }
            }
        }

        return tree;
    }

    /// <summary>Plain values: nested dictionaries become sorted trees, other lists become lists, scalars stay.</summary>
    internal static object? Plain(object? value) => value switch
    {
        null => null,
        string s => s,
        bool b => b,
        byte or short or int or long or sbyte or ushort or uint => Convert.ToInt64(value, CultureInfo.InvariantCulture),
        float or double or decimal => Convert.ToDouble(value, CultureInfo.InvariantCulture),
        IDictionary d => ToTree(d),
        IEnumerable e => e.Cast<object?>().Select(Plain).ToList(),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture),
    };

    private static SortedTree ToTree(IDictionary d)
    {
        var tree = new SortedTree();
        foreach (DictionaryEntry entry in d)
        {
            object? v = Plain(entry.Value);
            if (v is not null)
            {
                tree[Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? string.Empty] = v;
            }
        }

        return tree.Sorted();
    }

    /// <summary>An insertion-ordered string-keyed tree (what TomlDocumentWriter writes).</summary>
    internal sealed class SortedTree : IReadOnlyDictionary<string, object?>
    {
        private readonly List<string> order = new();
        private readonly Dictionary<string, object?> items = new(StringComparer.Ordinal);

        public object? this[string key]
        {
            get => items.TryGetValue(key, out var v) ? v : null;
            set
            {
                if (!items.ContainsKey(key))
                {
                    order.Add(key);
                }

                items[key] = value;
            }
        }

        public IEnumerable<string> Keys => order;

        public IEnumerable<object?> Values => order.Select(k => items[k]);

        public int Count => order.Count;

        public bool ContainsKey(string key) => items.ContainsKey(key);

        public bool TryGetValue(string key, out object? value) => items.TryGetValue(key, out value);

        public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => order.Select(k => new KeyValuePair<string, object?>(k, items[k])).GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        public SortedTree Sorted()
        {
            var sorted = new SortedTree();
            foreach (string k in order.OrderBy(k => k, StringComparer.Ordinal))
            {
                sorted[k] = items[k];
            }

            return sorted;
        }
    }
}
