using System.Text.RegularExpressions;
using Codex.Plugins.Agents;
using Codex.Plugins.Diagnostics;
using Codex.Plugins.Findings;
using Codex.Plugins.Masking;

namespace Codex.Plugins.Configuration;

/// <summary>
/// Secrets written inline in configuration files, found per file whatever Codex would load: every layer (a disabled
/// server or an untrusted project file still holds its secret on disk), every NAME.config.toml profile, every custom
/// agent file. A value is a secret by its key (env and header names that say token, password, key; bearer_token) or by
/// its value (<see cref="SecretText"/>: token shapes, a password inside a connection string). The finding points at
/// the value's line and never repeats the value. A file that does not parse is read line by line.
/// </summary>
public sealed partial class InlineSecretFindings : IFindingProvider
{
    public IEnumerable<CodexFinding> Find(AuditContext context)
    {
        var findings = new List<CodexFinding>();
        foreach (string path in Files(context))
        {
            string? profile = ConfigProfiles.ProfileOf(context.Stack.Environment, path);
            TomlFile? parsed = context.Stack.Layers.Append(context.Stack.Requirements).FirstOrDefault(l => l?.Path == path)?.File;
            string? text = parsed?.Text;
            if (parsed is null)
            {
                try
                {
                    parsed = TomlFileReader.Read(path);
                }
                catch (CodexIssueException)
                {
                    text = ReadText(path);
                }
            }

            IEnumerable<CodexFinding> found = parsed is not null ? InTree(parsed.Root, new List<string>(), path)
                : text is not null ? InLines(text, path)
                : Enumerable.Empty<CodexFinding>();
            findings.AddRange(found.Select(f => f.WithProfile(profile)));
        }

        return findings;
    }

    private static IEnumerable<string> Files(AuditContext context)
    {
        ConfigStack stack = context.Stack;
        var files = new List<string>();
        files.AddRange(stack.Layers.Where(l => l.Exists).Select(l => l.Path));
        if (stack.Requirements is { Exists: true } requirements)
        {
            files.Add(requirements.Path);
        }

        files.AddRange(ConfigProfiles.Names(stack.Environment).Select(stack.Environment.ProfileConfigPath));
        foreach (string folder in AgentFileLocator.Folders(stack).Where(Directory.Exists))
        {
            try
            {
                files.AddRange(Directory.EnumerateFiles(folder, "*.toml").Order(StringComparer.Ordinal));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // The agent reader reports a folder it cannot list.
            }
        }

        return files.Where(File.Exists).Distinct(StringComparer.Ordinal);
    }

    private static IEnumerable<CodexFinding> InTree(TomlNode node, List<string> path, string file)
    {
        switch (node)
        {
            case TomlTableNode table:
                foreach (var (key, child) in table.Items)
                {
                    path.Add(key);
                    foreach (CodexFinding f in InTree(child, path, file))
                    {
                        yield return f;
                    }

                    path.RemoveAt(path.Count - 1);
                }

                break;
            case TomlArrayNode array:
                // A command's arguments: a secret given after --password (or as --password=...) is known by its place.
                string[]? args = path.Count > 0 && path[^1] == "args" && array.Items.All(i => i is TomlValueNode { Value: string })
                    ? array.Items.Select(i => (string)((TomlValueNode)i).Value!).ToArray()
                    : null;
                for (int i = 0; i < array.Items.Count; i++)
                {
                    if (args is not null && SecretArguments.NamingFlag(args, i) is { } flag && !EnvReference().IsMatch(args[i]))
                    {
                        yield return Finding(path, $"the flag {flag} names it a secret", file, array.Items[i].Location.Line);
                        continue;
                    }

                    foreach (CodexFinding f in InTree(array.Items[i], path, file))
                    {
                        yield return f;
                    }
                }

                break;
            case TomlValueNode { Value: string value } when IsSecret(path, value, out string how):
                yield return Finding(path, how, file, node.Location.Line);
                break;
        }
    }

    private static bool IsSecret(IReadOnlyList<string> path, string value, out string how)
    {
        how = string.Empty;
        if (value.Trim().Length == 0 || EnvReference().IsMatch(value))
        {
            return false;
        }

        string key = path.Count > 0 ? path[^1] : string.Empty;
        string parent = path.Count > 1 ? path[^2] : string.Empty;
        // Views mask every env, header and query value (SecretPaths.IsSecret); an audit finding needs more than the
        // table a value sits in: its name (DSN, X-Api-Key, sig) or its value must say credential.
        bool byName = parent switch
        {
            "env" or "http_headers" or "headers" => SecretPaths.IsSecretHeaderName(key),
            "query_params" => SecretPaths.IsSecretHeaderName(key) || key.ToLowerInvariant() is "sig" or "signature" or "code",
            _ => SecretPaths.IsSecret(path),
        };
        if (byName)
        {
            how = "its name says it is a secret";
            return true;
        }

        if (SecretText.ContainsSecret(value))
        {
            how = "its value holds a credential";
            return true;
        }

        return false;
    }

    private static IEnumerable<CodexFinding> InLines(string text, string file)
    {
        var path = new List<string>();
        string[] lines = text.Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i].TrimEnd('\r');
            if (TableHeader().Match(line) is { Success: true } header)
            {
                path = header.Groups["name"].Value.Split('.').Select(s => s.Trim().Trim('"', '\'')).ToList();
                continue;
            }

            string key = KeyOf().Match(line) is { Success: true } m ? m.Groups["key"].Value.Trim('"', '\'') : $"line {i + 1}";
            if (!SecretText.ContainsSecret(line) || !(SecretPaths.IsSecret(path.Append(key).ToList()) || !SecretPaths.IsSecretName(key)))
            {
                continue;
            }

            // An inline table (env = { DSN = "..." }): name the item that holds the credential, as the parsed path would.
            var inner = InlineItems().Matches(line).Where(p => SecretText.ContainsSecret(p.Groups["value"].Value)).ToList();
            if (line.Contains('{') && inner.Count > 0)
            {
                foreach (Match item in inner)
                {
                    yield return Finding(path.Append(key).Append(item.Groups["key"].Value.Trim('"', '\'')).ToList(), "the line holds a credential", file, i + 1);
                }
            }
            else
            {
                yield return Finding(path.Append(key).ToList(), "the line holds a credential", file, i + 1);
            }
        }
    }

    private static CodexFinding Finding(IReadOnlyList<string> path, string how, string file, int line)
    {
        int servers = IndexOf(path, "mcp_servers");
        if (servers >= 0 && servers + 1 < path.Count)
        {
            string server = path[servers + 1];
            string setting = string.Join('.', path.Skip(servers + 2));
            return new CodexFinding(AuditRuleIds.McpInlineSecret, FindingSeverity.Error,
                $"The MCP server '{server}' has a secret written inline in {Describe(setting)} ({how}).",
                $"{server}.{setting}", file, line, Remedy(path));
        }

        string dotted = string.Join('.', path);
        return new CodexFinding(AuditRuleIds.ConfigInlineSecret, FindingSeverity.Error,
            $"A secret is written inline at {dotted} ({how}).", dotted, file, line,
            "Move the value out of the file: let Codex read it from the environment (an *_env_var setting or env_vars), or from a secret store.");
    }

    private static string Describe(string setting) => setting.Length == 0 ? "its definition" : setting;

    private static string Remedy(IReadOnlyList<string> path) =>
        path.Count >= 2 && path[^2] is "http_headers" or "headers"
            ? "Use env_http_headers (or bearer_token_env_var) so the value comes from the environment."
            : path.Count >= 2 && path[^2] == "env"
                ? $"Move the value out of the file: list {path[^1]} in env_vars so Codex passes it from the environment."
                : "Move the value out of the file: pass it through the environment (env_vars, bearer_token_env_var, env_http_headers).";

    private static int IndexOf(IReadOnlyList<string> path, string segment)
    {
        for (int i = 0; i < path.Count; i++)
        {
            if (path[i] == segment)
            {
                return i;
            }
        }

        return -1;
    }

    private static string? ReadText(string path)
    {
        try
        {
            return RegularFile.ReadAllText(path, FileSizeLimit.ConfigToml);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    // A value that only names an environment variable ($VAR, ${VAR}) holds no secret itself.
    [GeneratedRegex(@"^\$\{?[A-Za-z_][A-Za-z0-9_]*\}?$")]
    private static partial Regex EnvReference();

    [GeneratedRegex(@"^\s*\[\[?\s*(?<name>[^\]]+?)\s*\]\]?\s*(#.*)?$")]
    private static partial Regex TableHeader();

    [GeneratedRegex(@"^\s*(?<key>[A-Za-z0-9_\-""'.]+)\s*=")]
    private static partial Regex KeyOf();

    [GeneratedRegex(@"[{,]\s*(?<key>[A-Za-z0-9_\-]+|""[^""]*""|'[^']*')\s*=\s*(?<value>""(?:[^""\\]|\\.)*""|'[^']*')", RegexOptions.CultureInvariant)]
    private static partial Regex InlineItems();
}
