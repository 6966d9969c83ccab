using System.Diagnostics;
using Codex.Plugins.Configuration;
using Codex.Plugins.Diagnostics;

namespace Codex.Plugins.Plugins.Lifecycle;

/// <summary>
/// A marketplace entry whose plugin lives in a git repository (source url, or git-subdir with a path), fetched the
/// way codex plugin add fetches it: a clone in $CODEX_HOME/plugins/.marketplace-plugin-source-staging (sparse, with
/// blobs on demand, when only a path of the repository is the plugin), then a checkout of the sha or ref when the
/// entry names one. The plugin folder is the clone, or its path; the clone is deleted once the cache copy is made.
/// </summary>
public sealed record PluginGitSource(string Url, string? SubPath, string? Ref, string? Sha)
{
    private static readonly TimeSpan GitTimeout = TimeSpan.FromMinutes(10);

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

    private void RunGit(string pluginId, string? workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo("git")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        if (workingDirectory is not null)
        {
            start.WorkingDirectory = workingDirectory;
        }

        // As codex: never stop to ask for credentials; a source that needs them fails instead.
        start.Environment["GIT_TERMINAL_PROMPT"] = "0";
        string command = $"git {string.Join(' ', arguments)}";
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("git did not start");
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            throw Failed(pluginId, $"git cannot be started ({ex.Message}); codex plugin add needs it for this source too.", ex);
        }

        using (process)
        {
            process.StandardInput.Close();
            Task<string> output = process.StandardOutput.ReadToEndAsync();
            Task<string> error = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(GitTimeout))
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit();
                throw Failed(pluginId, $"{command} did not finish within {GitTimeout.TotalMinutes:0} minutes.", null);
            }

            if (process.ExitCode != 0)
            {
                string detail = string.Join(' ', new[] { error.Result, output.Result }.Select(s => s.Trim()).Where(s => s.Length > 0));
                throw Failed(pluginId, $"{command} failed with exit code {process.ExitCode}: {Masking.SecretText.Mask(detail)}", null);
            }
        }
    }

    private CodexIssueException Failed(string pluginId, string message, Exception? inner) =>
        new(new CodexIssue(ErrorIds.PluginSourceFetchFailed, IssueKind.ReadError,
            $"Fetching {pluginId} from {Masking.SecretText.Mask(Url)} failed: {message}", Masking.SecretText.Mask(Url), Target: pluginId,
            RecommendedAction: "Check that this machine reaches the repository (and the ref or sha the entry names) with git, as codex plugin add would."), inner);
}

/// <summary>A fetched plugin source: its folder, and the clone to delete when done.</summary>
public sealed class MaterializedPluginSource : IDisposable
{
    private readonly string clone;

    internal MaterializedPluginSource(string root, string clone)
    {
        Root = root;
        this.clone = clone;
    }

    public string Root { get; }

    public void Dispose() => PluginFolder.DeleteQuietly(clone);
}
