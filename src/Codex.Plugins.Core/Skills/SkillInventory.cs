using System.Text;
using Codex.Plugins.Configuration;
using Codex.Plugins.Diagnostics;
using Codex.Plugins.Plugins;

namespace Codex.Plugins.Skills;

/// <summary>
/// Every skill Codex 0.169.0 loads for one environment, in the order app-server skills/list gives them (repo, user,
/// system, admin; then by name), with the skills it refuses as issues, and the roots that held skills, in scan order
/// (the startup list numbers them r0, r1, ...).
/// </summary>
public sealed class SkillInventory
{
    private SkillInventory(IReadOnlyList<CodexSkill> skills, IReadOnlyList<string> usedRoots, IReadOnlyList<CodexIssue> issues)
    {
        Skills = skills;
        UsedRoots = usedRoots;
        Issues = issues;
    }

    public IReadOnlyList<CodexSkill> Skills { get; }

    /// <summary>Canonical roots that hold at least one loaded skill, in the order Codex scanned them.</summary>
    public IReadOnlyList<string> UsedRoots { get; }

    public IReadOnlyList<CodexIssue> Issues { get; }

    /// <summary>The issue for a skill name no loaded skill has, with the closest names.</summary>
    public CodexIssue NotFound(string name, CodexEnvironment environment) =>
        NameSuggestions.NotFound(ErrorIds.SkillNotFound, name, $"No skill named '{name}' is loaded.", Skills.Select(s => s.Name), Path.Combine(environment.CodexHome, "skills"),
            "Run Get-CodexSkill without -Name to see every skill Codex loads, and its errors for those it refuses.");

    /// <summary>
    /// The name a skill problem is about: its target, else the folder of the refused SKILL.md (a refused SKILL.md has
    /// no name Codex accepted: its folder is the name it would most likely have had).
    /// </summary>
    public static string? SkillFolderOf(string? file) =>
        file is null ? null : Path.GetFileName(string.Equals(Path.GetFileName(file), "SKILL.md", StringComparison.Ordinal) ? Path.GetDirectoryName(file) : file);

    /// <summary>Reads the plugins Codex would load (for their skill roots), then every root.</summary>
    public static SkillInventory Read(ConfigStack stack, Action<int, int>? progress = null) =>
        Read(stack, PluginInventory.Read(stack, includeAvailable: false).Plugins, progress);

    public static SkillInventory Read(ConfigStack stack, IEnumerable<CodexPlugin> plugins, Action<int, int>? progress = null) =>
        Read(stack, plugins, progress, listDirectory: null);

    internal static SkillInventory Read(ConfigStack stack, IEnumerable<CodexPlugin> plugins, Action<int, int>? progress, Func<string, FileSystemInfo[]>? listDirectory)
    {
        var issues = new List<CodexIssue>();
        var found = new List<FoundSkillFile>();
        foreach (SkillRoot root in SkillRootLocator.Find(stack, plugins))
        {
            SkillScanner.Scan(root, found, issues, listDirectory);
        }

        // Reading and parsing dominate; each file is independent, the results keep the scan order. Work goes in
        // chunks so that progress is reported from the caller's thread (PowerShell only takes progress from there).
        var results = new (CodexSkill? Skill, CodexIssue? Problem, CodexIssue? Note)[found.Count];
        const int Chunk = 200;
        var namespaces = new PluginNamespace();
        var options = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, Environment.ProcessorCount) };
        for (int start = 0; start < found.Count; start += Chunk)
        {
            progress?.Invoke(start, found.Count);
            int end = Math.Min(found.Count, start + Chunk);
            Parallel.For(start, end, options, i => results[i] = Load(found[i], stack.Environment, namespaces));
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var skills = new List<CodexSkill>();
        var usedRoots = new List<string>();
        for (int i = 0; i < found.Count; i++)
        {
            var (skill, problem, note) = results[i];
            if (problem is not null && found[i].Root.Scope != CodexSkillScope.System)
            {
                // Codex keeps no errors for the bundled skills it writes itself.
                issues.Add(problem);
            }

            if (note is not null)
            {
                issues.Add(note);
            }

            // One skill per canonical SKILL.md: the first root that reached it keeps it.
            if (skill is null || !seen.Add(skill.Path))
            {
                continue;
            }

            skills.Add(skill);
            if (!usedRoots.Contains(found[i].CanonicalRoot))
            {
                usedRoots.Add(found[i].CanonicalRoot);
            }
        }

        IReadOnlyList<SkillRule> rules = SkillRule.FromConfig(stack);
        List<CodexSkill> ordered = skills
            .Select(s => ApplyRules(s, rules))
            .OrderBy(s => LoadRank(s.Scope))
            .ThenBy(s => s.Name, SkillText.CodePointOrder)
            .ThenBy(s => s.Path, SkillText.CodePointOrder)
            .ToList();
        return new SkillInventory(ordered, usedRoots, issues);
    }

    // skills/list order: repo, user, system, admin.
    private static int LoadRank(CodexSkillScope scope) => scope switch
    {
        CodexSkillScope.Repo => 0,
        CodexSkillScope.User => 1,
        CodexSkillScope.System => 2,
        _ => 3,
    };

    private static CodexSkill ApplyRules(CodexSkill skill, IReadOnlyList<SkillRule> rules)
    {
        bool? enabled = null;
        foreach (SkillRule rule in rules)
        {
            if (rule.Matches(skill))
            {
                enabled = rule.Enabled;
            }
        }

        return enabled is false ? Copy(skill, enabled: false) : skill;
    }

    private static CodexSkill Copy(CodexSkill s, bool enabled) => new()
    {
        Name = s.Name,
        Description = s.Description,
        ShortDescription = s.ShortDescription,
        Scope = s.Scope,
        Enabled = enabled,
        AllowImplicitInvocation = s.AllowImplicitInvocation,
        Path = s.Path,
        DiscoveredPath = s.DiscoveredPath,
        Root = s.Root,
        PluginId = s.PluginId,
        DisplayName = s.DisplayName,
        InterfaceShortDescription = s.InterfaceShortDescription,
        DefaultPrompt = s.DefaultPrompt,
        BrandColor = s.BrandColor,
        Products = s.Products,
        ToolDependencies = s.ToolDependencies,
        MetadataFile = s.MetadataFile,
        CodexHome = s.CodexHome,
        ProjectPath = s.ProjectPath,
    };

    internal static (CodexSkill? Skill, CodexIssue? Problem, CodexIssue? Note) Load(FoundSkillFile file, CodexEnvironment env, PluginNamespace namespaces)
    {
        string path = file.DiscoveredPath;
        string text;
        try
        {
            text = SkillFileReader.ReadFrontMatterText(path);
        }
        catch (UnauthorizedAccessException)
        {
            return (null, Refused(ErrorIds.SkillFileUnreadable, IssueKind.ReadError, SkillMessages.PermissionDenied, path, null,
                "Make SKILL.md readable by the user Codex runs as."), null);
        }
        catch (Configuration.FileTooLargeException ex)
        {
            return (null, Configuration.FileSizeLimit.Issue(ex), null);
        }
        catch (IOException ex)
        {
            return (null, Refused(ErrorIds.SkillFileUnreadable, IssueKind.ReadError, $"failed to read file: {ex.Message}", path, null,
                "Make SKILL.md readable by the user Codex runs as."), null);
        }
        catch (DecoderFallbackException)
        {
            return (null, Refused(ErrorIds.SkillFileUnreadable, IssueKind.InvalidData, "failed to read file: stream did not contain valid UTF-8", path, null,
                "Save SKILL.md as UTF-8."), null);
        }

        string? frontMatter = SkillFrontMatter.Extract(text);
        if (frontMatter is null)
        {
            return (null, Refused(ErrorIds.SkillFrontMatterMissing, IssueKind.InvalidData, SkillFrontMatter.MissingMessage, path, 1,
                "Start SKILL.md with a --- line, then name: and description:, then a closing --- line (no byte order mark)."), null);
        }

        SkillFrontMatterFields? fields = SkillFrontMatter.Parse(frontMatter, out SkillFrontMatterError? yamlError);
        if (fields is null)
        {
            return (null, Refused(yamlError!.ErrorId, IssueKind.InvalidData, yamlError.Message, path, yamlError.Line,
                "Fix the YAML between the --- lines; quote values that contain ': ' or start with a YAML indicator."), null);
        }

        string folder = Path.GetFileName(Path.GetDirectoryName(path)!);
        string baseName = fields.Name is { } n && SkillText.SingleLine(n) is { Length: > 0 } clean
            ? clean
            : SkillText.SingleLine(folder) is { Length: > 0 } f ? f : "skill";
        string name = namespaces.For(path) is { } plugin ? $"{plugin}:{baseName}" : baseName;
        string description = fields.Description is null ? string.Empty : SkillText.SingleLine(fields.Description);
        string? shortDescription = fields.ShortDescription is null ? null : SkillText.SingleLine(fields.ShortDescription) is { Length: > 0 } sd ? sd : null;

        // The limit applies to the name as written: codex 0.169.0 loads plug:<59 characters> (64) and
        // plug:<60 characters> (65) alike, and refuses a written name of 65.
        if (SkillText.CharCount(baseName) > SkillLimits.MaxNameChars)
        {
            return (null, Refused(ErrorIds.SkillNameTooLong, IssueKind.InvalidData,
                $"invalid name: exceeds maximum length of {SkillLimits.MaxNameChars} characters", path, null,
                $"Shorten the name to {SkillLimits.MaxNameChars} characters or fewer (the plugin: prefix does not count)."), null);
        }

        if (description.Length == 0)
        {
            return (null, Refused(ErrorIds.SkillDescriptionMissing, IssueKind.InvalidData, "missing field `description`", path, null,
                "Add a description: line saying what the skill does and when to use it."), null);
        }

        // metadata.short-description has no limit in 0.169.0: one of 1,030 characters loads (checked with skills/list).

        string directory = Path.GetDirectoryName(path)!;
        SkillMetadata? metadata = SkillMetadataFile.Read(directory, out string? metadataFile, out string? metadataProblem);
        if (metadata is { Products.Length: > 0 } && !metadata.Products.Contains("codex"))
        {
            // The CLI is the codex product: a skill meant only for other products is dropped, without an error.
            return (null, null, new CodexIssue(ErrorIds.SkillNotForCodex, IssueKind.Warning,
                $"'{name}' is for {string.Join(", ", metadata.Products)} only (policy.products in agents/openai.yaml); the Codex CLI does not load it.",
                metadataFile, Target: name, RecommendedAction: "Add codex to policy.products, or leave the list empty, to load the skill in the CLI."));
        }

        CodexIssue? note = null;
        if (metadataProblem is not null)
        {
            note = new CodexIssue(ErrorIds.SkillMetadataIgnored, IssueKind.Warning,
                $"agents/openai.yaml is ignored: {metadataProblem}. The skill loads without its interface and policy (implicitly invocable).",
                metadataFile, Target: name);
        }
        else if (SkillText.CharCount(description) > SkillLimits.MaxListedDescriptionChars)
        {
            note = new CodexIssue(ErrorIds.SkillDescriptionTooLong, IssueKind.Warning,
                $"The description of '{name}' has {SkillText.CharCount(description)} characters; Codex loads it but lists only the first {SkillLimits.MaxListedDescriptionChars - 3} and \"...\".",
                path, Target: name);
        }

        var skill = new CodexSkill
        {
            Name = name,
            Description = description,
            DescriptionCapped = description.EnumerateRunes().Count() > SkillLimits.MaxListedDescriptionChars,
            ShortDescription = shortDescription,
            Scope = file.Root.Scope,
            AllowImplicitInvocation = metadata?.AllowImplicitInvocation ?? true,
            // The scanner resolved every folder on the way (realpath of the root and of each link followed) and takes
            // no link as SKILL.md, so this is the file's realpath without another lstat of every path component.
            Path = file.CanonicalPath,
            DiscoveredPath = path,
            Root = file.CanonicalRoot,
            PluginId = file.Root.PluginId,
            DisplayName = metadata?.DisplayName,
            InterfaceShortDescription = metadata?.ShortDescription,
            DefaultPrompt = metadata?.DefaultPrompt,
            BrandColor = metadata?.BrandColor,
            Products = metadata?.Products ?? Array.Empty<string>(),
            ToolDependencies = metadata?.ToolDependencies ?? Array.Empty<string>(),
            MetadataFile = metadata is null ? null : metadataFile,
            CodexHome = env.CodexHome,
            ProjectPath = env.ProjectPath,
        };
        return (skill, null, note);
    }

    private static CodexIssue Refused(string id, IssueKind kind, string message, string path, int? line, string action) =>
        new(id, kind, message, path, line, Target: path, RecommendedAction: action + " Codex does not load this skill.");
}
