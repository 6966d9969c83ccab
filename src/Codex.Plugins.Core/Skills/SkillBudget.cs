using System.Text;

namespace Codex.Plugins.Skills;

/// <summary>
/// Renders the startup skill list (&lt;skills_instructions&gt;) as Codex 0.169.0 does and says how it fits its
/// budget. The rules, checked against codex debug prompt-input:
/// - budget: 2 % of a known context window in tokens, else 8,000 characters; only skill lines count against it,
///   plus what a roots table costs beyond the absolute form's longer introduction;
/// - every listable skill in order system, admin, repo, user, then name; a description over 1,024 characters is
///   first cut to 1,021 and "...";
/// - all lines whole if they fit; else every skill with its description shortened, the room shared out one
///   character at a time across skills; else lines without descriptions, in order, until the budget is spent;
/// - both path forms are rendered (absolute paths, or rN/... with a ### Skill roots table) and the aliased one is
///   kept when it lists more skills, cuts fewer characters, or costs less.
/// </summary>
public static class SkillBudget
{
    public const int ContextWindowPercent = 2;
    public const int UnknownWindowCharacters = 8000;
    private const int TruncationWarningAverageChars = 100;
    private const string CapSuffix = "...";

    public const string IntroWithAbsolutePaths = "A skill is a set of instructions provided through a `SKILL.md` source. Below is the list of skills that can be used. Each entry includes a name, description, and source locator. `file` locators are on the host filesystem, `executor package` locators are owned by their execution environment, `cloud package` locators are opaque package identifiers, and `custom resource` locators use their provider's access mechanism.";
    public const string IntroWithAliases = "A skill is a set of local instructions to follow that is stored in a `SKILL.md` file. Below is the list of skills that can be used. Each entry includes a name, description, and a short path that can be expanded into an absolute path using the skill roots table.";

    /// <summary>
    /// The "### How to use skills" section Codex adds after the list for a model whose catalog entry asks for it
    /// (include_skills_usage_instructions: gpt-5.5 in 0.169.0 and 0.171.0), in the words of each path style. It does
    /// not count against the budget.
    /// </summary>
    public const string UsageHeading = "### How to use skills";

    public const string UsageWithAliases = """
- Discovery: The list above is the skills available in this session (name + description + short path). Skill bodies live on disk at the listed paths after expanding the matching alias from `### Skill roots`.
- Trigger rules: If the user names a skill (with `$SkillName` or plain text) OR the task clearly matches a skill's description shown above, you must use that skill for that turn. Multiple mentions mean use them all. Do not carry skills across turns unless re-mentioned.
- Missing/blocked: If a named skill isn't in the list or the path can't be read, say so briefly and continue with the best fallback.
- How to use a skill (progressive disclosure):
  1) After deciding to use a skill, the main agent must expand the listed short `path` with the matching alias from `### Skill roots`, then open and read its `SKILL.md` completely before taking task actions. If a read is truncated or paginated, continue until EOF.
  2) When `SKILL.md` references relative paths (e.g., `scripts/foo.py`), resolve them relative to the directory containing that expanded `SKILL.md` first, and only consider other paths if needed.
  3) If `SKILL.md` points to extra folders such as `references/`, use its routing instructions to identify the files required for the task. The main agent must read each required instruction or reference file itself before acting on it. Do not delegate reading, summarizing, or interpreting skill instructions to a subagent. Subagents may still perform task work when the selected skill allows it.
  4) If `scripts/` exist, prefer running or patching them instead of retyping large code blocks.
  5) If `assets/` or templates exist, reuse them instead of recreating from scratch.
- Coordination and sequencing:
  - If multiple skills apply, choose the minimal set that covers the request and state the order you'll use them.
  - Announce which skill(s) you're using and why (one short line). If you skip an obvious skill, say why.
- Context hygiene:
  - Progressive disclosure applies to selecting relevant files, not partially reading a selected instruction file. Do not load unrelated references, scripts, or assets.
  - Avoid deep reference-chasing: prefer opening only files directly linked from `SKILL.md` unless you're blocked.
  - When variants exist (frameworks, providers, domains), pick only the relevant reference file(s) and note that choice.
- Safety and fallback: If a skill can't be applied cleanly (missing files, unclear instructions), state the issue, pick the next-best approach, and continue.
""";

    public const string UsageWithAbsolutePaths = """
- Discovery: The list above is the skills available in this session (name + description + source locator). `file` entries live on the host filesystem, `executor package` and `cloud package` entries are accessed directly through `skills.read`, and `custom resource` entries use their provider's access mechanism.
- Trigger rules: If the user names a skill (with `$SkillName` or plain text) OR the task clearly matches a skill's description shown above, you must use that skill for that turn. Multiple mentions mean use them all. Do not carry skills across turns unless re-mentioned.
- Missing/blocked: If a named skill isn't in the list or its source can't be read, say so briefly and continue with the best fallback.
- How to use a skill (progressive disclosure):
  1) After deciding to use a skill, the main agent must read its `SKILL.md` completely before taking task actions. For a `file` entry, open the listed path. For an `executor package` or `cloud package`, pass the listed locator directly to `skills.read` as `package`; root aliases are resolved automatically. Omit `resource` to read `SKILL.md` directly without calling `skills.list`. If a read is paginated, follow `next_cursor` until EOF.
  2) When `SKILL.md` references another resource, use the same access mechanism. For executor and cloud skills, pass the complete package-contained resource identifier with the same package to `skills.read`; do not treat `skill://` identifiers as filesystem paths.
  3) If `SKILL.md` points to extra folders such as `references/`, use its routing instructions to identify the resources required for the task. The main agent must read each required instruction or reference file itself before acting on it. Do not delegate reading, summarizing, or interpreting skill instructions to a subagent. Subagents may still perform task work when the selected skill allows it.
  4) For filesystem-backed skills, prefer running or patching provided scripts instead of retyping large code blocks. For executor and cloud skills, use `skills.read` and the available tools; do not invent a local path.
  5) Reuse provided assets or templates through the same source access mechanism instead of recreating them.
- Coordination and sequencing:
  - If multiple skills apply, choose the minimal set that covers the request and state the order you'll use them.
  - Announce which skill(s) you're using and why (one short line). If you skip an obvious skill, say why.
- Context hygiene:
  - Progressive disclosure applies to selecting relevant files, not partially reading a selected instruction file. Do not load unrelated references, scripts, or assets.
  - Avoid deep reference-chasing: prefer opening only files directly linked from `SKILL.md` unless you're blocked.
  - When variants exist (frameworks, providers, domains), pick only the relevant reference file(s) and note that choice.
- Safety and fallback: If a skill can't be applied cleanly (missing files, unclear instructions), state the issue, pick the next-best approach, and continue.
""";

    /// <summary>The budget for a context window: 2 % of it in tokens (at least 1), or 8,000 characters when unknown.</summary>
    public static (SkillBudgetUnit Unit, long Limit) BudgetFor(long? contextWindow) =>
        contextWindow is > 0 ? (SkillBudgetUnit.Tokens, Math.Max(1, contextWindow.Value * ContextWindowPercent / 100)) : (SkillBudgetUnit.Characters, UnknownWindowCharacters);

    /// <summary>What a text costs: tokens as UTF-8 bytes / 4 rounded up, or characters as Unicode scalar values.</summary>
    public static long Cost(SkillBudgetUnit unit, string text) =>
        unit == SkillBudgetUnit.Tokens ? (SkillText.ByteCount(text) + 3) / 4 : SkillText.CharCount(text);

    private static long CostFromCounts(SkillBudgetUnit unit, long chars, long bytes) => unit == SkillBudgetUnit.Tokens ? (bytes + 3) / 4 : chars;

    /// <summary>The description the list starts from: over 1,024 characters it becomes the first 1,021 and "...".</summary>
    public static string CappedDescription(string description) =>
        SkillText.CharCount(description) > SkillLimits.MaxListedDescriptionChars
            ? SkillText.Prefix(description, SkillLimits.MaxListedDescriptionChars - CapSuffix.Length) + CapSuffix
            : description;

    /// <summary>Renders the list for the skills of an inventory.</summary>
    /// <param name="skills">Every loaded skill; those not enabled or not implicitly invocable are not listed.</param>
    /// <param name="usedRoots">The canonical roots holding loaded skills, in Codex's scan order.</param>
    /// <param name="includeUsage">Whether the model's catalog entry asks for the "How to use skills" section.</param>
    public static SkillBudgetResult Measure(IReadOnlyList<CodexSkill> skills, IReadOnlyList<string> usedRoots, long? contextWindow, bool includeUsage = false)
    {
        var (unit, limit) = BudgetFor(contextWindow);
        return Measure(skills, usedRoots, unit, limit, includeUsage);
    }

    /// <summary>Renders against any budget (tests use small character budgets to reach each outcome).</summary>
    internal static SkillBudgetResult Measure(IReadOnlyList<CodexSkill> skills, IReadOnlyList<string> usedRoots, SkillBudgetUnit unit, long limit, bool includeUsage = false)
    {
        List<CodexSkill> listable = skills.Where(s => s.Listed)
            .OrderBy(s => PromptRank(s.Scope))
            .ThenBy(s => s.Name, SkillText.CodePointOrder)
            .ThenBy(s => s.Path, SkillText.CodePointOrder)
            .ToList();
        if (listable.Count == 0)
        {
            return new SkillBudgetResult(unit, limit, SkillBudgetOutcome.Full, "Absolute", limit, 0, Array.Empty<string>(), Array.Empty<RenderedLine>(), 0, 0, null, null);
        }

        var absoluteLines = listable.Select(s => new SkillLine(s, CappedDescription(s.Description), s.DiscoveredPath.Replace('\\', '/'))).ToList();
        Rendering absolute = Render(absoluteLines, unit, limit, Array.Empty<string>(), 0);
        Rendering? aliased = RenderAliased(listable, usedRoots, unit, limit);
        Rendering chosen = aliased is not null && IsBetter(aliased, absolute) ? aliased : absolute;

        string body = Body(chosen.RootLines, chosen.Lines.Where(l => l.Text is not null).Select(l => l.Text!).ToList());
        if (includeUsage)
        {
            body += UsageHeading + "\n" + (chosen.RootLines.Length > 0 ? UsageWithAliases : UsageWithAbsolutePaths) + "\n";
        }

        return new SkillBudgetResult(unit, limit, chosen.Outcome, chosen.RootLines.Length > 0 ? "Aliased" : "Absolute", limit - chosen.TableCost,
            chosen.TableCost, chosen.RootLines, chosen.Lines, chosen.IncludedCount, chosen.TruncatedChars, chosen.Warning,
            "<skills_instructions>" + body + "</skills_instructions>");
    }

    // The order of the startup list: system, admin, repo, user.
    private static int PromptRank(CodexSkillScope scope) => scope switch
    {
        CodexSkillScope.System => 0,
        CodexSkillScope.Admin => 1,
        CodexSkillScope.Repo => 2,
        _ => 3,
    };

    private static string Body(IReadOnlyList<string> rootLines, IReadOnlyList<string> skillLines)
    {
        var lines = new List<string> { "## Skills" };
        if (rootLines.Count == 0)
        {
            lines.Add(IntroWithAbsolutePaths);
        }
        else
        {
            lines.Add(IntroWithAliases);
            lines.Add("### Skill roots");
            lines.AddRange(rootLines);
        }

        lines.Add("### Available skills");
        lines.AddRange(skillLines);
        return "\n" + string.Join('\n', lines) + "\n";
    }

    // What the roots table costs beyond the absolute form; the absolute introduction is longer, so a short table is free.
    private static long TableCost(SkillBudgetUnit unit, IReadOnlyList<string> rootLines) =>
        Math.Max(0, Cost(unit, Body(rootLines, Array.Empty<string>())) - Cost(unit, Body(Array.Empty<string>(), Array.Empty<string>())));

    private static bool IsBetter(Rendering aliased, Rendering absolute)
    {
        if (aliased.IncludedCount != absolute.IncludedCount)
        {
            return aliased.IncludedCount > absolute.IncludedCount;
        }

        if (aliased.TruncatedChars != absolute.TruncatedChars)
        {
            return aliased.TruncatedChars < absolute.TruncatedChars;
        }

        return aliased.TableCost + aliased.LinesCost < absolute.LinesCost;
    }

    private static Rendering? RenderAliased(List<CodexSkill> listable, IReadOnlyList<string> usedRoots, SkillBudgetUnit unit, long limit)
    {
        var listedRoots = new HashSet<string>(listable.Select(s => s.Root), StringComparer.Ordinal);
        List<string> roots = usedRoots.Where(listedRoots.Contains).ToList();
        if (roots.Count == 0)
        {
            return null;
        }

        // A plugin version with a single listed skill is aliased at its marketplace folder in the cache, so that many
        // one-skill plugins share one alias; a plugin with several skills keeps an alias per skill root.
        var skillsPerPluginVersion = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (CodexSkill skill in listable)
        {
            if (PluginVersionBase(skill.Root) is { } version)
            {
                skillsPerPluginVersion[version] = skillsPerPluginVersion.GetValueOrDefault(version) + 1;
            }
        }

        string AliasRootOf(string root) =>
            PluginVersionBase(root) is { } version && skillsPerPluginVersion.GetValueOrDefault(version) <= 1 && MarketplaceBase(root) is { } marketplace
                ? marketplace
                : root;

        var aliasRoots = new List<string>();
        foreach (string root in roots)
        {
            string alias = AliasRootOf(root);
            if (!aliasRoots.Contains(alias))
            {
                aliasRoots.Add(alias);
            }
        }

        string[] rootLines = aliasRoots.Select((r, i) => $"- `r{i}` = `{r.Replace('\\', '/')}`").ToArray();
        long tableCost = TableCost(unit, rootLines);
        if (tableCost >= limit)
        {
            return null;
        }

        var lines = listable.Select(s =>
        {
            string alias = AliasRootOf(s.Root);
            int index = aliasRoots.IndexOf(alias);
            string path = s.DiscoveredPath.StartsWith(alias + Path.DirectorySeparatorChar, StringComparison.Ordinal)
                ? $"r{index}/{s.DiscoveredPath[(alias.Length + 1)..].Replace('\\', '/')}"
                : s.DiscoveredPath.Replace('\\', '/');
            return new SkillLine(s, CappedDescription(s.Description), path);
        }).ToList();
        return Render(lines, unit, limit - tableCost, rootLines, tableCost);
    }

    /// <summary>$CODEX_HOME/plugins/cache/&lt;marketplace&gt; above a path, if it is in the plugin cache.</summary>
    private static string? MarketplaceBase(string path)
    {
        for (string? candidate = path; candidate is not null; candidate = Path.GetDirectoryName(candidate))
        {
            string? parent = Path.GetDirectoryName(candidate);
            if (parent is not null && Path.GetFileName(parent) == "cache" && Path.GetFileName(Path.GetDirectoryName(parent)) == "plugins")
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>$CODEX_HOME/plugins/cache/&lt;marketplace&gt;/&lt;plugin&gt;/&lt;version&gt; above a path.</summary>
    private static string? PluginVersionBase(string path)
    {
        if (MarketplaceBase(path) is not { } marketplace || path.Length <= marketplace.Length + 1)
        {
            return null;
        }

        string[] parts = path[(marketplace.Length + 1)..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries);
        return parts.Length >= 2 ? Path.Combine(marketplace, parts[0], parts[1]) : null;
    }

    private static Rendering Render(List<SkillLine> lines, SkillBudgetUnit unit, long limit, string[] rootLines, long tableCost)
    {
        int n = lines.Count;
        long fullTotal = lines.Sum(l => l.FullCost(unit));
        var rendered = new RenderedLine[n];
        SkillBudgetOutcome outcome;
        int truncatedChars = 0, truncatedCount = 0, included = n;
        if (fullTotal <= limit)
        {
            outcome = SkillBudgetOutcome.Full;
            for (int i = 0; i < n; i++)
            {
                rendered[i] = lines[i].Rendered(lines[i].DescriptionChars, unit);
            }
        }
        else if (lines.Sum(l => l.MinimumCost(unit)) is var minimumTotal && minimumTotal <= limit)
        {
            outcome = SkillBudgetOutcome.DescriptionsTruncated;
            int[] allocation = ShareDescriptionRoom(lines, unit, limit - minimumTotal);
            for (int i = 0; i < n; i++)
            {
                rendered[i] = lines[i].Rendered(allocation[i], unit);
                int lost = lines[i].DescriptionChars - allocation[i];
                if (lost > 0)
                {
                    truncatedChars += lost;
                    truncatedCount++;
                }
            }
        }
        else
        {
            outcome = SkillBudgetOutcome.SkillsOmitted;
            long used = 0;
            included = 0;
            for (int i = 0; i < n; i++)
            {
                long cost = lines[i].MinimumCost(unit);
                if (used + cost <= limit)
                {
                    used += cost;
                    included++;
                    rendered[i] = lines[i].Rendered(0, unit);
                }
                else
                {
                    rendered[i] = lines[i].Omitted(unit);
                }

                // Codex counts every description as cut here, listed or not.
                truncatedChars += lines[i].DescriptionChars;
                if (lines[i].DescriptionChars > 0)
                {
                    truncatedCount++;
                }
            }
        }

        int omitted = n - included;
        long linesCost = rendered.Sum(r => r.Cost);
        string? warning = null;
        if (omitted > 0)
        {
            string prefix = unit == SkillBudgetUnit.Tokens
                ? "Exceeded skills context budget of 2%. All skill descriptions were removed and"
                : "Exceeded skills context budget. All skill descriptions were removed and";
            warning = $"{prefix} {omitted} additional {(omitted == 1 ? "skill" : "skills")} {(omitted == 1 ? "was" : "were")} not included in the model-visible skills list.";
        }
        else if (truncatedChars > 0 && (truncatedChars + n - 1) / n > TruncationWarningAverageChars)
        {
            warning = unit == SkillBudgetUnit.Tokens
                ? "Skill descriptions were shortened to fit the 2% skills context budget. Codex can still see every skill, but some descriptions are shorter. Disable unused skills or plugins to leave more room for the rest."
                : "Skill descriptions were shortened to fit the skills context budget. Codex can still see every skill, but some descriptions are shorter. Disable unused skills or plugins to leave more room for the rest.";
        }

        return new Rendering(rendered, rootLines, tableCost, outcome, included, truncatedChars, linesCost, fullTotal + tableCost, warning);
    }

    /// <summary>
    /// Codex shares the room left after every name and path one description character at a time, skill by skill, in
    /// list order, until a whole pass adds nothing: short descriptions finish early and leave their share to the rest.
    /// </summary>
    private static int[] ShareDescriptionRoom(List<SkillLine> lines, SkillBudgetUnit unit, long room)
    {
        int n = lines.Count;
        var extraCosts = new long[n][];
        for (int i = 0; i < n; i++)
        {
            extraCosts[i] = lines[i].ExtraCosts(unit);
        }

        var allocation = new int[n];
        var current = new long[n];
        long remaining = room;
        bool changed = true;
        while (changed)
        {
            changed = false;
            for (int i = 0; i < n; i++)
            {
                long[] costs = extraCosts[i];
                if (allocation[i] >= costs.Length - 1)
                {
                    continue;
                }

                long next = costs[allocation[i] + 1];
                long delta = Math.Max(0, next - current[i]);
                if (delta <= remaining)
                {
                    allocation[i]++;
                    current[i] = next;
                    remaining -= delta;
                    changed = true;
                }
            }
        }

        return allocation;
    }

    private sealed record Rendering(RenderedLine[] Lines, string[] RootLines, long TableCost, SkillBudgetOutcome Outcome, int IncludedCount, int TruncatedChars, long LinesCost, long FullCost, string? Warning);

    /// <summary>One skill's line in one path form.</summary>
    private sealed class SkillLine
    {
        public SkillLine(CodexSkill skill, string description, string path)
        {
            Skill = skill;
            Description = description;
            ListedPath = path;
            DescriptionChars = SkillText.CharCount(description);
        }

        public CodexSkill Skill { get; }

        public string Description { get; }

        public string ListedPath { get; }

        public int DescriptionChars { get; }

        public string Text(int descriptionChars) => descriptionChars == 0
            ? $"- {Skill.Name}: (file: {ListedPath})"
            : $"- {Skill.Name}: {SkillText.Prefix(Description, descriptionChars)} (file: {ListedPath})";

        public long FullCost(SkillBudgetUnit unit) => Cost(unit, Text(DescriptionChars) + "\n");

        public long MinimumCost(SkillBudgetUnit unit) => Cost(unit, Text(0) + "\n");

        /// <summary>What each description length adds to the line without one (index = characters kept).</summary>
        public long[] ExtraCosts(SkillBudgetUnit unit)
        {
            string minimum = Text(0);
            long minChars = SkillText.CharCount(minimum) + 1;
            long minBytes = SkillText.ByteCount(minimum) + 1;
            long minCost = CostFromCounts(unit, minChars, minBytes);
            var costs = new long[DescriptionChars + 1];
            long chars = 0, bytes = 0;
            int k = 0;
            foreach (Rune rune in Description.EnumerateRunes())
            {
                chars++;
                bytes += rune.Utf8SequenceLength;
                costs[++k] = Math.Max(0, CostFromCounts(unit, minChars + chars + 1, minBytes + bytes + 1) - minCost);
            }

            return costs;
        }

        public RenderedLine Rendered(int descriptionChars, SkillBudgetUnit unit)
        {
            string text = Text(descriptionChars);
            return new RenderedLine(Skill, ListedPath, text, Cost(unit, text + "\n"), FullCost(unit), MinimumCost(unit), DescriptionChars, descriptionChars);
        }

        public RenderedLine Omitted(SkillBudgetUnit unit) =>
            new(Skill, ListedPath, null, 0, FullCost(unit), MinimumCost(unit), DescriptionChars, 0);
    }
}
