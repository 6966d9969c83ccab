using Codex.Plugins.Configuration;
using Codex.Plugins.Diagnostics;
using Codex.Plugins.Plugins;

namespace Codex.Plugins.Marketplaces;

/// <summary>
/// Reads a marketplace.json as Codex 0.169.0 does: a name and a plugins array are required; an entry whose source is
/// unsupported, whose local path leaves the marketplace root, or whose policy.products is empty is skipped (that entry
/// only), and every skip is reported.
/// </summary>
public static class MarketplaceReader
{
    public static CodexMarketplace Read(MarketplaceRoot root, CodexEnvironment env, List<CodexIssue> issues)
    {
        string? manifest = MarketplaceLocator.ManifestIn(root.Root);
        string fallbackName = root.ConfiguredName ?? Path.GetFileName(root.Root);
        CodexMarketplace Empty(string? file) => new()
        {
            Name = fallbackName, Kind = root.Kind, Root = root.Root, ManifestPath = file, SourceType = root.SourceType, Source = root.Source,
            ConfigFile = root.ConfigNode?.Location.File, ConfigLine = root.ConfigNode?.Location.Line, Loaded = false,
            CodexHome = env.CodexHome, ProjectPath = env.ProjectPath,
        };

        if (manifest is null)
        {
            issues.Add(new CodexIssue(ErrorIds.MarketplaceSourceUnresolved, IssueKind.NotFound,
                $"The marketplace '{fallbackName}' has no marketplace.json under {root.Root} ({string.Join(" or ", MarketplaceLocator.ManifestPaths)}).",
                root.ConfigNode?.Location.File ?? root.Root, root.ConfigNode?.Location.Line, root.ConfigNode?.Location.Column, fallbackName,
                root.SourceType == "local" ? "Check the source folder, or run codex plugin marketplace add again." : "Run codex plugin marketplace upgrade to fetch it."));
            return Empty(null);
        }

        TomlTableNode doc;
        try
        {
            doc = JsonFileReader.Read(manifest, ErrorIds.MarketplaceManifestInvalid, FileSizeLimit.MarketplaceJson);
        }
        catch (CodexIssueException ex)
        {
            issues.Add(ex.Issue with { Target = fallbackName, Message = ex.Issue.Message + " Codex lists nothing from this marketplace." });
            return Empty(manifest);
        }

        if (doc.String("name") is not { Length: > 0 } name || doc["plugins"] is not TomlArrayNode plugins)
        {
            issues.Add(new CodexIssue(ErrorIds.MarketplaceManifestInvalid, IssueKind.InvalidData,
                "A marketplace.json needs a string \"name\" and a \"plugins\" array; Codex lists nothing from this marketplace.",
                manifest, 1, 1, fallbackName, "Add the missing field."));
            return Empty(manifest);
        }

        var entries = new List<CodexMarketplaceEntry>();
        foreach (TomlNode item in plugins.Items)
        {
            if (ReadEntry(item, name, root.Root, manifest, issues) is { } entry)
            {
                entries.Add(entry);
            }
        }

        return new CodexMarketplace
        {
            Name = name,
            Kind = root.Kind,
            DisplayName = doc.Table("interface")?.String("displayName"),
            Root = root.Root,
            ManifestPath = manifest,
            SourceType = root.SourceType,
            Source = root.Source,
            ConfigFile = root.ConfigNode?.Location.File,
            ConfigLine = root.ConfigNode?.Location.Line,
            Loaded = true,
            Entries = entries.ToArray(),
            CodexHome = env.CodexHome,
            ProjectPath = env.ProjectPath,
        };
    }

    private static CodexMarketplaceEntry? ReadEntry(TomlNode item, string marketplace, string root, string manifest, List<CodexIssue> issues)
    {
        CodexIssue Skip(string id, string message, TomlNode at, string target) => new(id, IssueKind.Warning,
            message + " Codex skips this entry.", manifest, at.Location.Line, at.Location.Column, target);

        if (item is not TomlTableNode entry || entry.String("name") is not { Length: > 0 } name)
        {
            issues.Add(Skip(ErrorIds.MarketplaceEntryInvalid, "A plugin entry needs a string \"name\".", item, marketplace));
            return null;
        }

        string target = $"{name}@{marketplace}";
        if (!PluginKey.IsSegment(name))
        {
            issues.Add(Skip(ErrorIds.MarketplaceEntryInvalid, $"The plugin name '{name}' may use only ASCII letters, digits, '-' and '_'.", entry, target));
            return null;
        }

        string kind;
        string? path = null, url = null, subPath = null, package = null, packageVersion = null, registry = null;
        TomlTableNode? sourceTable = entry["source"] as TomlTableNode;
        string? localPath = entry["source"] is TomlValueNode { Value: string s } ? s : null;
        if (sourceTable is not null)
        {
            string? sourceKind = sourceTable.String("source");
            switch (sourceKind)
            {
                case "local":
                    localPath = sourceTable.String("path");
                    break;
                case "url":
                case "git-subdir":
                    url = sourceTable.String("url");
                    subPath = sourceTable.String("path") is { } p ? TrimDotSlash(p) : null;
                    if (url is null || (sourceKind == "git-subdir" && subPath is null))
                    {
                        issues.Add(Skip(ErrorIds.MarketplaceEntryInvalid, $"A {sourceKind} source needs a url{(sourceKind == "git-subdir" ? " and a path" : string.Empty)}.", entry, target));
                        return null;
                    }

                    break;
                case "npm":
                    if (ReadNpmSource(sourceTable) is { } npmProblem)
                    {
                        issues.Add(Skip(ErrorIds.MarketplaceEntryInvalid, $"The npm source: {npmProblem}.", entry, target));
                        return null;
                    }

                    (package, packageVersion, registry) = (Trimmed(sourceTable, "package"), Trimmed(sourceTable, "version"), Trimmed(sourceTable, "registry"));
                    break;
                default:
                    issues.Add(Skip(ErrorIds.MarketplaceEntryUnsupported, $"The source kind '{sourceKind}' is not one Codex supports (local, url, git-subdir, npm).", entry, target));
                    return null;
            }
        }

        if (package is not null)
        {
            kind = "npm";
        }
        else if (url is not null)
        {
            kind = sourceTable!.String("source") == "url" ? "git" : "git-subdir";
        }
        else if (localPath is not null)
        {
            kind = "local";
            path = PluginPath.Resolve(root, localPath, out string? problem);
            if (path is null)
            {
                issues.Add(Skip(ErrorIds.MarketplaceEntryInvalid, $"The local source {problem}.", entry, target));
                return null;
            }
        }
        else
        {
            issues.Add(Skip(ErrorIds.MarketplaceEntryInvalid, "The entry has no usable source.", entry, target));
            return null;
        }

        TomlTableNode? policy = entry.Table("policy");
        string[]? products = policy?["products"] is TomlArrayNode a ? a.Items.OfType<TomlValueNode>().Select(v => v.Value as string).OfType<string>().ToArray() : null;
        if (products is { Length: 0 })
        {
            issues.Add(Skip(ErrorIds.MarketplaceEntryUnsupported, "policy.products is empty, so no product may install the plugin.", policy!, target));
            return null;
        }

        return new CodexMarketplaceEntry
        {
            Name = name,
            Marketplace = marketplace,
            SourceKind = kind,
            Path = path,
            Url = url,
            SubPath = subPath,
            Ref = sourceTable?.String("ref"),
            Package = package,
            PackageVersion = packageVersion,
            Registry = registry,
            Sha = sourceTable?.String("sha"),
            InstallPolicy = policy?.String("installation") ?? "AVAILABLE",
            AuthPolicy = policy?.String("authentication") ?? "ON_INSTALL",
            Products = products,
            Category = entry.String("category"),
            ManifestFile = manifest,
            Line = entry.Location.Line,
        };
    }

    /// <summary>Why Codex skips an npm source (see <see cref="NpmSourceRules"/>), or null when it lists it.</summary>
    private static string? ReadNpmSource(TomlTableNode source)
    {
        if (source["package"] is not TomlValueNode { Value: string } || Trimmed(source, "package") is not { Length: > 0 } package)
        {
            return "it needs a \"package\" string";
        }

        foreach (string key in new[] { "version", "registry" })
        {
            // A key given as null is a key not given; any other value must be a string that is not blank.
            if (source[key] is not null and not JsonNullNode && Trimmed(source, key) is not { Length: > 0 })
            {
                return $"\"{key}\" must be a string that is not empty";
            }
        }

        return NpmSourceRules.PackageProblem(package)
            ?? (Trimmed(source, "version") is { } version ? NpmSourceRules.VersionProblem(version) : null)
            ?? (Trimmed(source, "registry") is { } registry ? NpmSourceRules.RegistryProblem(registry) : null);
    }

    private static string? Trimmed(TomlTableNode table, string key) => table.String(key)?.Trim();

    private static string TrimDotSlash(string p) => p.StartsWith("./", StringComparison.Ordinal) ? p[2..] : p;
}
