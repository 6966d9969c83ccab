using Codex.Plugins.Configuration;
using Codex.Plugins.Diagnostics;

namespace Codex.Plugins.Plugins.Lifecycle;

/// <summary>
/// A marketplace entry whose plugin lives in a git repository (source url, or git-subdir with a path), fetched the
/// way codex plugin add fetches it: a clone in $CODEX_HOME/plugins/.marketplace-plugin-source-staging (sparse, with
/// blobs on demand, when only a path of the repository is the plugin), then a checkout of the sha or ref when the
/// entry names one. The plugin folder is the clone, or its path; the clone is deleted once the cache copy is made.
/// </summary>
public sealed record PluginGitSource(string Url, string? SubPath, string? Ref, string? Sha) : IRemotePluginSource
{
    public string Describe(string cacheDirectory) => $"clone {this} and copy the plugin to {Path.Combine(cacheDirectory, "<its version>")}";

    public override string ToString() =>
        $"{Url}{(SubPath is null ? string.Empty : $" (path {SubPath})")}{((Sha ?? Ref) is { } at ? $" at {at}" : string.Empty)}";

    /// <summary>Clones the source into the home's staging folder; the caller disposes the result, which deletes the clone.</summary>
    public MaterializedPluginSource Materialize(CodexEnvironment environment, string pluginId)
    {
        string staging = Path.Combine(environment.CodexHome, "plugins", ".marketplace-plugin-source-staging");
        string clone = Path.Combine(staging, $"marketplace-plugin-source-{Guid.NewGuid():N}");
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(clone)!);
            if (SubPath is not null)
            {
                RunGit(pluginId, null, "clone", "--filter=blob:none", "--sparse", "--no-checkout", Url, clone);
                RunGit(pluginId, clone, "sparse-checkout", "set", "--no-cone", "--", SubPath);
            }
            else
            {
                RunGit(pluginId, null, "clone", Url, clone);
            }

            if ((Sha ?? Ref) is { } target)
            {
                RunGit(pluginId, clone, "checkout", target);
            }
            else if (SubPath is not null)
            {
                RunGit(pluginId, clone, "checkout");
            }

            string root = SubPath is null ? clone : Path.GetFullPath(Path.Combine(clone, SubPath));
            return new MaterializedPluginSource(root, clone);
        }
        catch
        {
            PluginFolder.DeleteQuietly(clone);
            throw;
        }
    }

    private void RunGit(string pluginId, string? workingDirectory, params string[] arguments) =>
        // As codex: never stop to ask for credentials; a source that needs them fails instead.
        PluginSourceCommand.Run("git", arguments, workingDirectory, new Dictionary<string, string> { ["GIT_TERMINAL_PROMPT"] = "0" }, (message, inner) => Failed(pluginId, message, inner));

    private CodexIssueException Failed(string pluginId, string message, Exception? inner) =>
        new(new CodexIssue(ErrorIds.PluginSourceFetchFailed, IssueKind.ReadError,
            $"Fetching {pluginId} from {Masking.SecretText.Mask(Url)} failed: {message}", Masking.SecretText.Mask(Url), Target: pluginId,
            RecommendedAction: "Check that this machine reaches the repository (and the ref or sha the entry names) with git, as codex plugin add would."), inner);
}
