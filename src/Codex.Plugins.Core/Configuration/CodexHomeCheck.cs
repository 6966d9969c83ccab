using Codex.Plugins.Diagnostics;

namespace Codex.Plugins.Configuration;

/// <summary>
/// Whether the Codex home a reader was pointed at can be read at all: codex refuses to start when CODEX_HOME (or
/// -CodexHome) names a file or a path that does not exist. Only a home given explicitly can be wrong this way; the
/// default ~/.codex is created by codex on first use, so its absence is an empty home, not an error.
/// </summary>
public static class CodexHomeCheck
{
    /// <summary>CodexHomeNotDirectory or CodexHomeNotFound for an explicit home codex would refuse; null otherwise.</summary>
    public static CodexIssue? Problem(CodexEnvironment environment)
    {
        if (environment.CodexHomeIsExplicit && File.Exists(environment.CodexHome))
        {
            return new CodexIssue(ErrorIds.CodexHomeNotDirectory, IssueKind.NotFound,
                $"CODEX_HOME points to \"{environment.CodexHome}\", but that path is not a directory; codex refuses to start.",
                environment.CodexHome, Target: environment.CodexHome,
                RecommendedAction: "Point -CodexHome or $env:CODEX_HOME at the folder that holds config.toml, not at a file.");
        }

        if (environment.CodexHomeIsExplicit && !Directory.Exists(environment.CodexHome))
        {
            return new CodexIssue(ErrorIds.CodexHomeNotFound, IssueKind.NotFound,
                $"CODEX_HOME points to \"{environment.CodexHome}\", but that path does not exist; codex refuses to start.",
                environment.CodexHome, Target: environment.CodexHome,
                RecommendedAction: "Check -CodexHome or $env:CODEX_HOME; codex creates only the default ~/.codex.");
        }

        return null;
    }
}
