using Codex.Plugins.Managed.Rollout;

namespace Codex.Plugins.Remoting;

/// <summary>
/// One Publish-CodexManagedConfig run over its targets: publish (first look at every target in parallel, then ask per
/// machine with its diff, then write in parallel) or roll back (restore the last backups). Results come in the order
/// they are known and are enumerated on the caller's thread, so the confirmation stays with the cmdlet; a target
/// that could not be reached is one failed result at the end.
/// </summary>
internal sealed class ManagedPublication : IDisposable
{
    private readonly ManagedFileInstaller installer;

    /// <param name="folder">The folder on each target to install into; empty for where Codex reads the files there.</param>
    public ManagedPublication(int throttleLimit, string folder, int lockTimeoutSec) => installer = new ManagedFileInstaller(throttleLimit, folder, lockTimeoutSec);

    /// <summary>Restores the last backup of <paramref name="files"/> on each target <paramref name="confirm"/> (target, action) lets through.</summary>
    public IEnumerable<CodexPublishResult> Rollback(IReadOnlyList<RemoteTarget> targets, IReadOnlyList<CodexManagedConfig> files, Func<string, string, bool> confirm)
    {
        var approved = targets.Where(t => t.Session is not null && confirm(t.Name, $"Restore the last backup of {string.Join(", ", files.Select(f => f.Name))}")).ToList();
        return Results(installer.Run(approved, "Rollback", _ => files, withText: false, (t, answer) => ManagedRollout.Result(t.Name, answer, rollback: true, null)))
            .Concat(Unreachable(targets));
    }

    /// <summary>
    /// Installs <paramref name="files"/> on each target whose files differ and that <paramref name="confirm"/> (target,
    /// what changes with its diff) lets through; a declined target is a would-publish result when
    /// <paramref name="reportDeclined"/> (-WhatIf), nothing otherwise (-Confirm said no). <paramref name="note"/> hears
    /// of targets that are up to date.
    /// </summary>
    public IEnumerable<CodexPublishResult> Publish(IReadOnlyList<RemoteTarget> targets, IReadOnlyList<CodexManagedConfig> files,
        Func<string, string, bool> confirm, bool reportDeclined, Action<string> note)
    {
        var toApply = new List<(RemoteTarget Target, List<CodexManagedConfig> Files, string Diff)>();
        foreach (var outcome in installer.Run(targets.Where(t => t.Session is not null).ToList(), "Inspect", _ => files, withText: false, (t, answer) => (t, answer)))
        {
            if (outcome.Failure is not null)
            {
                yield return outcome.Failure;
                continue;
            }

            var (target, answer) = outcome.Value;
            var (changed, diff, refusalId, refusal) = ManagedRollout.Plan(files, answer);
            if (refusalId is not null)
            {
                yield return ManagedRollout.Failed(target.Name, refusalId, refusal!);
            }
            else if (changed.Count == 0)
            {
                note($"{target.Name}: every file already has the hash sent; nothing to write.");
                yield return ManagedRollout.UpToDate(target.Name, files);
            }
            else if (confirm(target.Name, ManagedRollout.Describe(changed, diff)))
            {
                toApply.Add((target, changed, diff));
            }
            else if (reportDeclined)
            {
                yield return ManagedRollout.WouldPublish(target.Name, changed, diff);
            }
        }

        var applied = installer.Run(toApply.Select(a => a.Target).ToList(), "Apply", t => toApply.First(a => a.Target == t).Files, withText: true,
            (t, answer) => ManagedRollout.Result(t.Name, answer, rollback: false, toApply.First(a => a.Target == t).Diff));
        foreach (CodexPublishResult result in Results(applied).Concat(Unreachable(targets)))
        {
            yield return result;
        }
    }

    public void Dispose() => installer.Dispose();

    private static IEnumerable<CodexPublishResult> Results(IEnumerable<ManagedFileInstaller.Outcome<CodexPublishResult>> outcomes) =>
        outcomes.Select(o => o.Failure ?? o.Value!);

    private static IEnumerable<CodexPublishResult> Unreachable(IEnumerable<RemoteTarget> targets) =>
        targets.Where(t => t.Session is null).Select(t => ManagedRollout.Failed(t.Name, ErrorIds.ManagedTargetUnreachable, t.ConnectError ?? "The target could not be reached."));
}
