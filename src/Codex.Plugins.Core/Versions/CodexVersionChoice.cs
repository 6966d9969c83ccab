using Codex.Plugins.Configuration;
using Codex.Plugins.Diagnostics;

namespace Codex.Plugins.Versions;

/// <summary>
/// Which Codex a command answers for: the release -CodexVersion names (a what-if) or the one -CodexPath or PATH leads
/// to, found once per home while the home stays the same. Bad values are refused when the choice is made.
/// </summary>
public sealed class CodexVersionChoice
{
    private readonly Version? requested;
    private readonly string? codexPath;
    private CodexInstallation? found;
    private string? foundFor;

    /// <param name="version">-CodexVersion as typed (null: not given); not a version is CodexVersionInvalid (thrown).</param>
    /// <param name="codexPath">-CodexPath as a full path (null: not given); no file there is CodexPathNotFound (thrown).</param>
    public CodexVersionChoice(string? version, string? codexPath)
    {
        if (version is not null)
        {
            requested = CodexReleases.Parse(version) ?? throw new CodexIssueException(new CodexIssue(ErrorIds.CodexVersionInvalid, IssueKind.InvalidData,
                $"-CodexVersion '{version}' is not a version such as {CodexReleases.Newest.ToString(3)}.", null, Target: version,
                RecommendedAction: $"Give major.minor.patch; checked releases: {string.Join(", ", CodexReleases.Checked.Select(v => v.ToString(3)))}."));
        }

        if (codexPath is not null && !File.Exists(codexPath))
        {
            throw new CodexIssueException(new CodexIssue(ErrorIds.CodexPathNotFound, IssueKind.NotFound, $"-CodexPath names no file: {codexPath}.", codexPath, Target: codexPath,
                RecommendedAction: "Name the codex command (for example (Get-Command codex).Source)."));
        }

        this.codexPath = codexPath;
    }

    /// <summary>The installation for <paramref name="environment"/>; <paramref name="isNew"/> when it was looked up now (not the last one again).</summary>
    public CodexInstallation For(CodexEnvironment environment, out bool isNew)
    {
        isNew = found is null || foundFor != environment.CodexHome;
        if (isNew)
        {
            found = CodexInstallationLocator.Find(environment, codexPath, requested);
            foundFor = environment.CodexHome;
        }

        return found!;
    }

    /// <summary>The release whose rules apply to <paramref name="codex"/>.</summary>
    public static Version RulesOf(CodexInstallation codex) => CodexReleases.Parse(codex.BehavesAs) ?? CodexReleases.Newest;

    /// <summary>What to tell the caller about <paramref name="codex"/>: a warning when the module was not checked against its version.</summary>
    public static IEnumerable<CodexIssue> Warnings(CodexInstallation codex) => codex.Checked ? Array.Empty<CodexIssue>()
        : new[] { new CodexIssue(ErrorIds.CodexVersionNotChecked, IssueKind.Warning,
            $"Codex {codex.Version} ({codex.VersionSource}) was not checked by this module; it is read as {codex.BehavesAs}.",
            codex.VersionSource switch { "Binary" => codex.PackagePath, "Rollout" => codex.RolloutPath, _ => null }, Target: codex.Version,
            RecommendedAction: $"Checked releases: {string.Join(", ", codex.CheckedVersions)}. Pass -CodexVersion to answer for one of them.") };
}
