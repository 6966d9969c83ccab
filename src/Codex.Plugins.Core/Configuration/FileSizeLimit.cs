using System.Globalization;
using Codex.Plugins.Diagnostics;

namespace Codex.Plugins.Configuration;

/// <summary>
/// The most bytes the module reads of one file of a kind. Codex itself caps none of these files (it reads hooks.json,
/// manifests, marketplaces and TOML with read_to_string and parses the whole text), so one planted file the size of
/// the disk would make every reader build it in memory: a 300 MiB one-line hooks.json ended the admin's pwsh with an
/// OutOfMemoryException. The size is checked on the opened file before a byte is read, and the read stops one byte past
/// the limit if the file grows meanwhile, so such a file costs nothing and is one FileTooLarge error for that file.
/// Each limit sits well above what Codex can practically read of its kind, so nothing Codex uses is hidden: a 50 MB
/// config.toml already took codex 0.169.0 247 s and 14.8 GB, and a 100 MB marketplace.json of 970,000 entries is
/// read by both.
/// </summary>
public sealed record FileSizeLimit(string Kind, long MaxBytes)
{
    private const long MiB = 1024 * 1024;

    /// <summary>config.toml, managed_config.toml, requirements.toml in any layer (codex needs about 300 bytes of memory per byte).</summary>
    public static readonly FileSizeLimit ConfigToml = new("TOML configuration file", 64 * MiB);

    /// <summary>A custom agent's .toml (agents/*.toml, or an [agents.NAME] config_file): read as config.toml is.</summary>
    public static readonly FileSizeLimit AgentToml = new("agent file", 64 * MiB);

    /// <summary>hooks.json of a layer or a plugin.</summary>
    public static readonly FileSizeLimit HooksJson = new("hooks.json", 64 * MiB);

    /// <summary>A plugin's JSON files: plugin.json, .mcp.json, .app.json, package.json.</summary>
    public static readonly FileSizeLimit PluginJson = new("plugin JSON file", 64 * MiB);

    /// <summary>marketplace.json: larger, as a marketplace lists every plugin it offers (970,000 entries are 100 MB).</summary>
    public static readonly FileSizeLimit MarketplaceJson = new("marketplace.json", 256 * MiB);

    /// <summary>
    /// SKILL.md read whole: only when its front matter opens in the first 8 KiB and does not close there (the front
    /// matter is all Codex lists; a long body after a closed block is never read, so it has no limit).
    /// </summary>
    public static readonly FileSizeLimit SkillMd = new("SKILL.md", 64 * MiB);

    /// <summary>A skill's agents/openai.yaml.</summary>
    public static readonly FileSizeLimit SkillMetadataYaml = new("agents/openai.yaml", 16 * MiB);

    /// <summary>
    /// The files an admin hands the module rather than ones it finds: a masking key, a placeholder mapping, a secret
    /// baseline, an npm package.json beside a codex command. A wrong path (a log, a disk image, /dev/zero) must be one
    /// clear error, not a shell that ends reading it. A key is a few dozen bytes; a mapping or a baseline of 64 MiB
    /// holds about a million values.
    /// </summary>
    public static readonly FileSizeLimit MaskingKey = new("masking key file", 1 * MiB);

    /// <summary>A placeholder mapping written by Protect-CodexData -Mode Placeholder -MappingPath.</summary>
    public static readonly FileSizeLimit PlaceholderMapping = new("placeholder mapping", 64 * MiB);

    /// <summary>A baseline of secret fingerprints (Find-CodexSecret -BaselinePath).</summary>
    public static readonly FileSizeLimit SecretBaseline = new("secret baseline", 64 * MiB);

    /// <summary>A recorded hook payload given to Invoke-CodexHook as a file.</summary>
    public static readonly FileSizeLimit HookPayload = new("hook payload file", 64 * MiB);

    /// <summary>The package.json of the npm install beside a codex command (its version).</summary>
    public static readonly FileSizeLimit NpmPackageJson = new("npm package.json", 16 * MiB);

    /// <summary>The limit in words: "64 MiB (67108864 bytes)".</summary>
    public string Describe() => $"{Size(MaxBytes)} ({MaxBytes.ToString(CultureInfo.InvariantCulture)} bytes)";

    /// <summary>The exception a reader throws for a file over the limit (an IOException, so a caller that only knows "unreadable" still copes).</summary>
    public FileTooLargeException Exceeded(string path, long size) => new(path, size, this);

    /// <summary>The one error for a file over its limit: FileTooLarge, naming the file, its size and the limit.</summary>
    public static CodexIssue Issue(FileTooLargeException ex) => new(ErrorIds.FileTooLarge, IssueKind.InvalidData, ex.Message, ex.Path, Target: ex.Path,
        RecommendedAction: $"A {ex.Limit.Kind} is read only up to {ex.Limit.Describe()}: remove the file or make it smaller; nothing of it was read.");

    internal static string Size(long bytes) => bytes % MiB == 0
        ? $"{(bytes / MiB).ToString(CultureInfo.InvariantCulture)} MiB"
        : $"{(bytes / (double)MiB).ToString("0.#", CultureInfo.InvariantCulture)} MiB";
}
