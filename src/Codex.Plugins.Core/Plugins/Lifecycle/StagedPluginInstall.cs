using Codex.Plugins.Diagnostics;

namespace Codex.Plugins.Plugins.Lifecycle;

/// <summary>
/// A plugin copied into plugins/cache/&lt;marketplace&gt;/.plugin-install-*, waiting for the configuration write.
/// <see cref="MoveIntoPlace"/> runs once [plugins."p@m"] enabled = true is on disk: it renames the copy into the cache
/// as codex plugin add leaves it (a new version beside the old ones, then the old ones removed; the same version, or a
/// first install, replaces the plugin's folder whole). A write that fails or is refused disposes the stage instead,
/// and the cache stays as it was: no new version, no old version deleted.
/// </summary>
public sealed class StagedPluginInstall : IDisposable
{
    private readonly string stagedRoot;

    private StagedPluginInstall(PluginInstallPlan plan, string stagedRoot)
    {
        Plan = plan;
        this.stagedRoot = stagedRoot;
    }

    /// <summary>The plan as staged: for a git source, with the version and the replaced versions its clone gave.</summary>
    public PluginInstallPlan Plan { get; }

    /// <summary>Copies the plan's plugin folder into a staging folder on the cache's file system (so the move is a rename).</summary>
    internal static StagedPluginInstall Copy(PluginInstallPlan plan)
    {
        string parent = Path.GetDirectoryName(plan.CacheDirectory)!;
        string stagedRoot = Path.Combine(parent, $".plugin-install-{Environment.ProcessId}-{Guid.NewGuid():N}");
        try
        {
            Directory.CreateDirectory(parent);
            PluginFolder.Copy(plan.SourceRoot!, Path.Combine(stagedRoot, plan.Version!));
            return new StagedPluginInstall(plan, stagedRoot);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            PluginFolder.DeleteQuietly(stagedRoot);
            throw CacheWriteFailed(plan, ex);
        }
        catch
        {
            PluginFolder.DeleteQuietly(stagedRoot);
            throw;
        }
    }

    /// <summary>Moves the staged copy into the cache; throws <see cref="CodexIssueException"/> (PluginCacheWriteFailed) when it cannot.</summary>
    public void MoveIntoPlace()
    {
        string versionDirectory = Plan.VersionDirectory!;
        try
        {
            if (Directory.Exists(Plan.CacheDirectory) && !Directory.Exists(versionDirectory))
            {
                Directory.Move(Path.Combine(stagedRoot, Plan.Version!), versionDirectory);
                foreach (string old in Plan.ReplacedVersions)
                {
                    Directory.Delete(Path.Combine(Plan.CacheDirectory, old), recursive: true);
                }

                return;
            }

            string backup = Path.Combine(Path.GetDirectoryName(Plan.CacheDirectory)!, $".plugin-backup-{Environment.ProcessId}-{Guid.NewGuid():N}");
            bool hadOld = Directory.Exists(Plan.CacheDirectory);
            if (hadOld)
            {
                Directory.Move(Plan.CacheDirectory, backup);
            }

            try
            {
                Directory.Move(stagedRoot, Plan.CacheDirectory);
            }
            catch
            {
                if (hadOld)
                {
                    Directory.Move(backup, Plan.CacheDirectory);
                }

                throw;
            }

            PluginFolder.DeleteQuietly(backup);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw CacheWriteFailed(Plan, ex);
        }
        finally
        {
            Dispose();
        }
    }

    /// <summary>Deletes what is left of the staged copy (all of it, when it was never moved into place).</summary>
    public void Dispose() => PluginFolder.DeleteQuietly(stagedRoot);

    private static CodexIssueException CacheWriteFailed(PluginInstallPlan plan, Exception ex) =>
        new(new CodexIssue(ErrorIds.PluginCacheWriteFailed, IssueKind.ReadError,
            $"Copying {plan.Key} into {plan.CacheDirectory} failed: {ex.Message}", plan.CacheDirectory, Target: plan.Key.ToString(),
            RecommendedAction: "Check that this account may write the Codex home's plugins/cache folder."), ex);
}
