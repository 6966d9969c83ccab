using Codex.Plugins.Configuration;

namespace Codex.Plugins.Skills;

/// <summary>
/// The AGENTS.md files Codex adds to the prompt beside the skill list: the global one in the Codex home, then one per
/// folder from the project root down to the working folder (AGENTS.override.md wins over AGENTS.md, then the
/// project_doc_fallback_filenames). The project files together are cut at project_doc_max_bytes (32 KiB by default).
/// </summary>
public static class ProjectDocChain
{
    public const long DefaultMaxBytes = 32 * 1024;

    public static (string[] Files, long ProjectBytes, long MaxBytes, long TruncatedBytes) Measure(ConfigStack stack)
    {
        CodexEnvironment env = stack.Environment;
        long max = stack.Get("project_doc_max_bytes") is TomlValueNode { Value: long configured } && configured >= 0 ? configured : DefaultMaxBytes;
        string[] fallbacks = stack.Get("project_doc_fallback_filenames") is TomlArrayNode names
            ? names.Items.OfType<TomlValueNode>().Select(v => v.Value as string).OfType<string>().ToArray()
            : Array.Empty<string>();

        var files = new List<string>();
        if (First(env.CodexHome, Array.Empty<string>()) is { } global)
        {
            files.Add(global);
        }

        long projectBytes = 0;
        string root = stack.ProjectRoot ?? env.ProjectPath;
        foreach (string dir in ProjectTrust.FoldersFromRootToCwd(root, env.ProjectPath))
        {
            if (First(dir, fallbacks) is { } doc)
            {
                files.Add(doc);
                projectBytes += new FileInfo(doc).Length;
            }
        }

        return (files.ToArray(), projectBytes, max, Math.Max(0, projectBytes - max));
    }

    private static string? First(string dir, IEnumerable<string> fallbacks)
    {
        foreach (string name in new[] { "AGENTS.override.md", "AGENTS.md" }.Concat(fallbacks))
        {
            string candidate = Path.Combine(dir, name);
            if (File.Exists(candidate) && new FileInfo(candidate).Length > 0)
            {
                return candidate;
            }
        }

        return null;
    }
}
