namespace Codex.Plugins;

/// <summary>
/// Which Codex a machine runs, how that was found out, and which checked release's behaviour the module applies to it.
/// </summary>
public sealed class CodexInstallation
{
    /// <summary>The version the module answers for (major.minor.patch).</summary>
    public string Version { get; init; } = string.Empty;

    /// <summary>Where Version came from: Parameter (-CodexVersion), Binary (the npm package of the codex found), Rollout (cli_version of the newest session) or Default (nothing found: the newest checked release).</summary>
    public string VersionSource { get; init; } = string.Empty;

    /// <summary>Whether the module's compat suite ran against this version.</summary>
    public bool Checked { get; init; }

    /// <summary>The checked release whose behaviour the module applies (Version itself when it is checked).</summary>
    public string BehavesAs { get; init; } = string.Empty;

    /// <summary>The codex command found (-CodexPath, or the first on PATH); null when none.</summary>
    public string? CodexPath { get; init; }

    /// <summary>The file the command resolves to through links (bin/codex.js of an npm install, or the binary).</summary>
    public string? ResolvedPath { get; init; }

    /// <summary>The package.json of the npm install beside the command; null when it was not installed by npm.</summary>
    public string? PackagePath { get; init; }

    /// <summary>The version that package.json names.</summary>
    public string? BinaryVersion { get; init; }

    /// <summary>The newest session rollout under $CODEX_HOME/sessions; null when there is none.</summary>
    public string? RolloutPath { get; init; }

    /// <summary>The cli_version that rollout recorded: the Codex that last ran with this home.</summary>
    public string? RolloutVersion { get; init; }

    /// <summary>The releases the module was checked against.</summary>
    public string[] CheckedVersions { get; init; } = Array.Empty<string>();

    /// <summary>What to know about this answer (an unchecked version, a rollout written by another version); null when nothing.</summary>
    public string? Note { get; init; }

    public string CodexHome { get; init; } = string.Empty;
}
