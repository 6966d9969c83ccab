using System.Text;
using System.Text.Json.Nodes;
using Codex.Plugins.Configuration.Editing;
using Codex.Plugins.Diagnostics;
using Codex.Plugins.Plugins;
using Codex.Plugins.Plugins.Lifecycle;

namespace Codex.Plugins.Marketplaces.Publishing;

/// <summary>
/// Publish-CodexPlugin's engine. A plugin folder is published into a local marketplace: its files are copied to
/// the marketplace's plugins/NAME (unless it already lives there) and its entry is added to or updated in
/// .agents/plugins/marketplace.json by a text splice (other entries byte for byte). The version must be semver and
/// grow; the same version is accepted again only with the same files. Publishers take turns under the
/// marketplace.json lock, and each decides against the file as it is once it holds the lock, so two publishers at
/// once both keep their entries.
/// </summary>
public static class MarketplacePublisher
{
    public const string ManifestRelativePath = ".agents/plugins/marketplace.json";

    /// <summary>What publishing would do now, without writing (for -WhatIf and the confirmation).</summary>
    public static CodexPluginPublication Plan(string pluginRoot, string marketplaceRoot, PublishOptions options)
    {
        string manifestPath = ManifestPath(marketplaceRoot);
        return Decide(pluginRoot, marketplaceRoot, manifestPath, Read(manifestPath), options).Publication;
    }

    /// <summary>Publishes under the marketplace's lock; the decision is made again on the file as it is then.</summary>
    public static CodexPluginPublication Publish(string pluginRoot, string marketplaceRoot, PublishOptions options)
    {
        string manifestPath = ManifestPath(marketplaceRoot);
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(manifestPath)!);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CodexIssueException(new CodexIssue(ErrorIds.MarketplaceEditFailed, IssueKind.ReadError, $"Cannot create {Path.GetDirectoryName(manifestPath)}: {ex.Message}", manifestPath, Target: manifestPath), ex);
        }

        using ConfigFileLock fileLock = ConfigFileLock.Acquire(manifestPath, options.LockTimeout);
        (byte[]? bytes, string? text, bool bom) current = Read(manifestPath);
        Decision decision = Decide(pluginRoot, marketplaceRoot, manifestPath, current, options);
        if (decision.Publication.Action == "Unchanged")
        {
            return decision.Publication;
        }

        string target = decision.Publication.PluginPath;
        bool inPlace = string.Equals(Path.GetFullPath(pluginRoot).TrimEnd('/'), Path.GetFullPath(target).TrimEnd('/'), StringComparison.Ordinal);
        if (!inPlace)
        {
            try
            {
                PluginFolder.Replace(pluginRoot, target);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new CodexIssueException(new CodexIssue(ErrorIds.MarketplaceEditFailed, IssueKind.ReadError,
                    $"Copying the plugin to {target} failed: {ex.Message} marketplace.json was not changed.", target, Target: decision.Publication.PluginId), ex);
            }
        }

        byte[] body = Encoding.UTF8.GetBytes(decision.NewText);
        byte[] output = current.bom ? new byte[] { 0xEF, 0xBB, 0xBF }.Concat(body).ToArray() : body;
        AtomicFile.Write(manifestPath, output, backup: false);
        return decision.Publication;
    }

    public static string ManifestPath(string marketplaceRoot)
    {
        // An existing legacy .claude-plugin/marketplace.json is the file Codex reads when there is no .agents one.
        string? existing = MarketplaceLocator.ManifestIn(marketplaceRoot);
        return existing ?? Path.Combine(marketplaceRoot, ".agents", "plugins", "marketplace.json");
    }

    private sealed record Decision(CodexPluginPublication Publication, string NewText);

    private static (byte[]? Bytes, string? Text, bool Bom) Read(string path)
    {
        if (!File.Exists(path))
        {
            return (null, null, false);
        }

        try
        {
            byte[] bytes = Configuration.RegularFile.ReadAllBytes(path, limit: Configuration.FileSizeLimit.MarketplaceJson);
            bool bom = bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF;
            string text = new UTF8Encoding(false, true).GetString(bytes, bom ? 3 : 0, bytes.Length - (bom ? 3 : 0));
            return (bytes, text, bom);
        }
        catch (Configuration.FileTooLargeException ex)
        {
            throw new CodexIssueException(Configuration.FileSizeLimit.Issue(ex), ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or DecoderFallbackException)
        {
            throw new CodexIssueException(new CodexIssue(ErrorIds.MarketplaceManifestInvalid, IssueKind.ReadError,
                $"{path} cannot be read: {ex.Message} It was not changed.", path, Target: path), ex);
        }
    }

    private static Decision Decide(string pluginRoot, string marketplaceRoot, string manifestPath, (byte[]? Bytes, string? Text, bool Bom) current, PublishOptions options)
    {
        string defaultName = options.NewMarketplaceName ?? Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(marketplaceRoot)));
        string text = current.Text ?? MarketplaceJsonSplice.NewFile(defaultName, null);
        MarketplaceJsonSplice splice = MarketplaceJsonSplice.Parse(text, manifestPath);

        PluginManifestFile? manifest = PluginManifestReader.Read(pluginRoot, pluginRoot, out CodexIssue? problem);
        IReadOnlyList<PluginRefusal> refusals = PluginInstallRules.Check(pluginRoot, manifest, problem, null, out string? name, out string? version);
        if (refusals.Count > 0)
        {
            PluginRefusal first = refusals[0];
            throw new CodexIssueException(new CodexIssue(ErrorIds.PluginRefused, IssueKind.InvalidData,
                $"codex plugin add would refuse the plugin ({first.Message}), so it is not published.", first.File, first.Line, Target: pluginRoot, RecommendedAction: first.RecommendedAction));
        }

        string id = $"{name}@{splice.Name}";
        if (!SemVer.TryParse(version!, out SemVer newVersion))
        {
            throw new CodexIssueException(new CodexIssue(ErrorIds.PluginVersionInvalid, IssueKind.InvalidData,
                $"The version '{version}' is not a semantic version; a published plugin needs one so that each release can be seen to grow.", manifest!.Path, manifest.Root["version"]?.Location.Line, Target: id,
                RecommendedAction: "Set \"version\" in plugin.json to MAJOR.MINOR.PATCH, e.g. 1.0.0."));
        }

        JsonObject? existing = splice.Entry(name!);
        string relative = $"./plugins/{name}";
        string? previousVersion = null;
        string? previousPath = null;
        if (existing?["source"] is JsonValue sourceText && sourceText.TryGetValue(out string? sourcePath))
        {
            relative = sourcePath;
        }
        else if (existing?["source"] is JsonObject { } sourceObject && Text(sourceObject["source"]) == "local" && Text(sourceObject["path"]) is { } localPath)
        {
            relative = localPath;
        }

        string target = PluginPath.Resolve(marketplaceRoot, relative, out string? pathProblem)
            ?? throw new CodexIssueException(new CodexIssue(ErrorIds.MarketplaceEntryInvalid, IssueKind.InvalidData,
                $"The entry '{name}' has the source {relative}, which {pathProblem}; it was not changed.", manifestPath, Target: id, RecommendedAction: "Fix the entry's source path."));
        // A plugin edited where the marketplace serves it has no older copy to compare with: the entry is what changes.
        bool inPlace = string.Equals(Path.TrimEndingDirectorySeparator(Path.GetFullPath(pluginRoot)), Path.TrimEndingDirectorySeparator(Path.GetFullPath(target)), StringComparison.Ordinal);
        if (existing is not null && Directory.Exists(target) && !inPlace)
        {
            previousPath = target;
            PluginManifestFile? old = PluginManifestReader.Read(target, id, out _);
            previousVersion = old is null ? null : PluginManifest.From(old).Version;
        }

        string hash = PluginFolder.ContentHash(pluginRoot);
        string action = existing is null ? "Added" : "Updated";
        if (previousVersion is not null)
        {
            int order = PluginVersions.Compare(version!, previousVersion);
            if (order < 0)
            {
                throw new CodexIssueException(new CodexIssue(ErrorIds.PluginVersionNotGreater, IssueKind.InvalidData,
                    $"{id} {version} is older than the {previousVersion} the marketplace offers; a published version must grow.", manifest!.Path, manifest.Root["version"]?.Location.Line, Target: id,
                    RecommendedAction: $"Raise \"version\" in plugin.json above {previousVersion}."));
            }

            if (order == 0)
            {
                bool same = string.Equals(hash, PluginFolder.ContentHash(previousPath!), StringComparison.Ordinal);
                if (!same)
                {
                    throw new CodexIssueException(new CodexIssue(ErrorIds.PluginVersionContentChanged, IssueKind.InvalidData,
                        $"The marketplace already offers {id} {version} with different files; a changed plugin needs a new version, or machines that installed {version} would never see the change.",
                        manifest!.Path, manifest.Root["version"]?.Location.Line, Target: id, RecommendedAction: $"Raise \"version\" in plugin.json above {version}."));
                }

                action = "Unchanged";
            }
        }

        PluginManifest pm = PluginManifest.From(manifest!);
        string? category = options.Category ?? Text(existing?["category"]) ?? pm.InterfaceString("category");
        JsonObject entry = Entry(existing, name!, relative, options, category);
        string newText = splice.WithEntry(name!, entry);
        if (inPlace && existing is not null && newText == text)
        {
            action = "Unchanged";
        }

        if (action == "Unchanged" && newText != text)
        {
            // Same files, new policy or category: the entry changes, the plugin does not.
            action = "Updated";
        }

        string diff = current.Text is null
            ? UnifiedDiff.Create(string.Empty, newText, manifestPath)
            : UnifiedDiff.Create(text, newText, manifestPath);
        return new Decision(new CodexPluginPublication
        {
            PluginId = id,
            Name = name!,
            Marketplace = splice.Name,
            Action = action,
            Version = version!,
            PreviousVersion = previousVersion,
            Source = relative,
            PluginPath = target,
            InstallPolicy = Text(entry["policy"]?["installation"]) ?? "AVAILABLE",
            AuthPolicy = Text(entry["policy"]?["authentication"]) ?? "ON_INSTALL",
            Products = (entry["policy"]?["products"] as JsonArray)?.Select(Text).OfType<string>().ToArray(),
            Category = category,
            ManifestPath = manifestPath,
            Diff = diff,
            ContentHash = hash,
        }, newText);
    }

    private static string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue(out string? s) ? s : null;

    /// <summary>The entry as published: an existing entry keeps its other fields and their order.</summary>
    private static JsonObject Entry(JsonObject? existing, string name, string relative, PublishOptions options, string? category)
    {
        var entry = existing ?? new JsonObject { ["name"] = name };
        entry["source"] = existing?["source"] is JsonValue ? relative : new JsonObject { ["source"] = "local", ["path"] = relative };
        var policy = existing?["policy"] as JsonObject ?? new JsonObject();
        policy["installation"] = options.InstallPolicy ?? Text(policy["installation"]) ?? "AVAILABLE";
        policy["authentication"] = options.AuthPolicy ?? Text(policy["authentication"]) ?? "ON_INSTALL";
        if (options.Products is not null)
        {
            policy["products"] = new JsonArray(options.Products.Select(p => (JsonNode?)JsonValue.Create(p)).ToArray());
        }

        entry["policy"] = policy;
        if (category is not null)
        {
            entry["category"] = category;
        }

        return entry;
    }
}
