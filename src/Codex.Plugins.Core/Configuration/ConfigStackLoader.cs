using Codex.Plugins.Diagnostics;

namespace Codex.Plugins.Configuration;

/// <summary>Finds, reads and merges the layers of one <see cref="CodexEnvironment"/>.</summary>
internal sealed class ConfigStackLoader
{
    private readonly CodexEnvironment environment;
    private readonly List<CodexIssue> issues = new();
    private readonly List<ConfigLayer> layers = new();
    private readonly ManagedLayerOverride? managedOverride;
    private int precedence;

    public ConfigStackLoader(CodexEnvironment environment, ManagedLayerOverride? managedOverride = null)
    {
        this.environment = environment;
        this.managedOverride = managedOverride;
    }

    public ConfigStack Load()
    {
        if (CodexHomeCheck.Problem(environment) is { } homeProblem)
        {
            issues.Add(homeProblem);
        }

        ConfigLayer system = Read(ConfigLayerKind.System, environment.SystemConfigPath);
        ConfigLayer user = Read(ConfigLayerKind.User, environment.UserConfigPath);

        if (user.Root?["profile"] is TomlValueNode { Value: string legacyName } legacySelector)
        {
            // 0.169.0 refuses to start while config.toml selects a profile the old way, with or without -p.
            issues.Add(new CodexIssue(ErrorIds.LegacyProfileTable, IssueKind.InvalidData,
                $"legacy `profile = \"{legacyName}\"` config is no longer supported; use `--profile {legacyName}` with `{legacyName}.config.toml` instead",
                user.Path, legacySelector.Location.Line, legacySelector.Location.Column, legacyName,
                $"Remove profile = \"{legacyName}\" from config.toml and pass -Profile {legacyName} (codex --profile {legacyName})."));
        }

        string? profile = environment.Profile;
        if (profile is not null)
        {
            if (user.Root?["profiles"] is TomlTableNode profiles && profiles[profile] is TomlNode legacyTable)
            {
                issues.Add(new CodexIssue(ErrorIds.LegacyProfileTable, IssueKind.InvalidData,
                    $"--profile `{profile}` cannot be used while {user.Path} contains legacy `[profiles.{profile}]` config; move those settings into {environment.ProfileConfigPath(profile)} and remove the legacy profile table.",
                    user.Path, legacyTable.Location.Line, legacyTable.Location.Column, profile,
                    $"Move the settings of [profiles.{profile}] into {environment.ProfileConfigPath(profile)}."));
            }

            string profilePath = environment.ProfileConfigPath(profile);
            ConfigLayer profileLayer = Read(ConfigLayerKind.Profile, profilePath);
            if (!profileLayer.Exists)
            {
                // Codex starts anyway, without the profile: say so, since a misspelt profile is silently ignored.
                issues.Add(new CodexIssue(ErrorIds.ProfileNotFound, IssueKind.Warning,
                    $"The profile '{profile}' has no file {profilePath}; Codex ignores the profile silently.", profilePath, Target: profile,
                    RecommendedAction: $"Create {profilePath}, or choose one of the *.config.toml files in {environment.CodexHome}."));
            }
        }

        TomlTableNode baseline = Merge(layers.Where(l => l.Applied));
        string projectRoot = ProjectTrust.FindProjectRoot(environment.ProjectPath, baseline);
        foreach (string dir in ProjectTrust.FoldersFromRootToCwd(projectRoot, environment.ProjectPath))
        {
            string path = Path.Combine(dir, ".codex", "config.toml");
            if (string.Equals(Path.GetFullPath(path), environment.UserConfigPath, StringComparison.Ordinal))
            {
                continue;
            }

            bool trusted = ProjectTrust.IsTrusted(dir, projectRoot, baseline);
            Read(ConfigLayerKind.Project, path, trusted ? null : $"Not trusted: no [projects.\"{dir}\"] (or project root) with trust_level = \"trusted\" in the user configuration; Codex ignores this file.");
        }

        Read(ConfigLayerKind.Managed, environment.ManagedConfigPath);

        ConfigLayer requirements = ReadRequirements();
        TomlTableNode effective = Merge(layers.Where(l => l.Applied));
        return new ConfigStack(environment, layers, requirements.Exists ? requirements : null, effective, issues, projectRoot);
    }

    private ConfigLayer Read(ConfigLayerKind kind, string path, string? skipReason = null)
    {
        ConfigLayer layer = ReadLayer(kind, path, ++precedence, skipReason);
        layers.Add(layer);
        return layer;
    }

    private ConfigLayer ReadRequirements() => ReadLayer(ConfigLayerKind.Requirements, environment.RequirementsPath, int.MaxValue, null);

    private ConfigLayer ReadLayer(ConfigLayerKind kind, string path, int order, string? skipReason)
    {
        if (managedOverride?.For(kind) is { } replacement)
        {
            // A policy previewed before it ships: its text stands where the machine's own file would be.
            return replacement.File is null
                ? new ConfigLayer(kind, path, order, null, exists: false, applied: false, "Left out of this preview.", null)
                : new ConfigLayer(kind, path, order, replacement.File, exists: true, applied: kind != ConfigLayerKind.Requirements, null, null);
        }

        bool exists = File.Exists(path) || Directory.Exists(path);
        if (!exists)
        {
            return new ConfigLayer(kind, path, order, null, exists: false, applied: false, "The file does not exist.", null);
        }

        if (skipReason is not null)
        {
            return new ConfigLayer(kind, path, order, null, exists: true, applied: false, skipReason, null);
        }

        try
        {
            TomlFile file = TomlFileReader.Read(path);
            return new ConfigLayer(kind, path, order, file, exists: true, applied: kind != ConfigLayerKind.Requirements, null, null);
        }
        catch (CodexIssueException ex) when (ex.InnerException is FileNotFoundException or DirectoryNotFoundException)
        {
            // A link to nothing (or a file removed since): codex reads "not found" as no file, and starts.
            return new ConfigLayer(kind, path, order, null, exists: false, applied: false, "The file does not exist (a link to nothing).", null);
        }
        catch (CodexIssueException ex)
        {
            issues.Add(ex.Issue);
            return new ConfigLayer(kind, path, order, null, exists: true, applied: false, ex.Issue.Message, ex.Issue);
        }
    }

    /// <summary>Codex's merge: tables merge recursively, every other value is replaced by the higher layer's.</summary>
    internal static TomlTableNode Merge(IEnumerable<ConfigLayer> ordered)
    {
        TomlTableNode? result = null;
        foreach (ConfigLayer layer in ordered)
        {
            if (layer.Root is null)
            {
                continue;
            }

            result = result is null ? layer.Root : MergeTables(result, layer.Root);
        }

        return result ?? new TomlTableNode(new SourceLocation(string.Empty, 0, 0));
    }

    internal static TomlTableNode MergeTables(TomlTableNode lower, TomlTableNode higher)
    {
        var merged = new TomlTableNode(higher.Location, higher.IsInline);
        foreach (var (key, node) in lower.Items)
        {
            merged.Set(key, node);
        }

        foreach (var (key, node) in higher.Items)
        {
            if (merged[key] is TomlTableNode below && node is TomlTableNode above)
            {
                merged.Set(key, MergeTables(below, above));
            }
            else
            {
                merged.Set(key, node);
            }
        }

        return merged;
    }
}
