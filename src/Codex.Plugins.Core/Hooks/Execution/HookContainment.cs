using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Codex.Plugins.Hooks.Execution;

/// <summary>
/// Keeps every process a hook under test starts where one kill reaches it. Each run gets a process group of its own
/// (the shell and what it starts share it) and, where the machine offers one, a control group of its own, made under
/// the caller's, with a cap on the number of processes (pids.max): a fork bomb stops at the cap instead of filling the
/// process table. Ending the run freezes the group (nothing can fork while it is frozen), kills every member, thaws it
/// so the kills land, and repeats until the group is empty; without a control group the same is done to a session of
/// the hook's own (<see cref="OwnSession"/>). The same kill ends what a hook left running when it finished (Codex would
/// leave it: a tester's shell is not the place for it). The control group is removed afterwards.
/// </summary>
public sealed class HookContainment : IDisposable
{
    /// <summary>How many processes one hook run may have at once (the shell included).</summary>
    public const int DefaultMaxProcesses = 512;

    private const string Root = ControlGroupFiles.Root;
    private static int counter;
    private readonly string? pidsGroup;
    private readonly string? freezerGroup;
    private readonly bool unified;
    private readonly HashSet<int> killed = new();
    private bool threadInside;
    private bool frozenOnce;

    private HookContainment(string? pidsGroup, string? freezerGroup, bool unified, string? why)
    {
        this.pidsGroup = pidsGroup;
        this.freezerGroup = freezerGroup;
        this.unified = unified;
        Limitation = why;
    }

    /// <summary>
    /// True when the shell must lead a session (setsid), not only a process group: without a control group (the session
    /// is then what one kill reaches; a job-control child that makes its own group stays in it) or when the caller has a
    /// controlling terminal (a hook must not reach it). Otherwise a group is cheaper: under autogroup each new session is
    /// a scheduling group of its own, and a busy machine ran a hook about 4 ms later in a fresh one (9.3 -> 12.9 ms).
    /// </summary>
    public bool OwnSession { get; private set; } = true;

    /// <summary>Why there is no control group (null when there is one): the cap and the freeze then do not apply.</summary>
    public string? Limitation { get; }

    /// <summary>True when the run has a control group: every process the hook starts is in it, and KillAll empties it.</summary>
    public bool HasGroup => pidsGroup is not null;

    /// <summary>The hook's shell, once started: the leader of the run's process group (and of its session, if it has one).</summary>
    public int LeaderId { get; private set; }

    /// <summary>The files a starting shell writes its process id to, to join the group before it runs anything.</summary>
    public IReadOnlyList<string> JoinFiles => new[] { pidsGroup, unified ? null : freezerGroup }
        .Where(g => g is not null).Select(g => Path.Combine(g!, "cgroup.procs")).ToArray();

    /// <summary>A control group for one run (or a session-only containment where none can be made).</summary>
    /// <param name="callerHasTerminal">Whether this process has a controlling terminal (null: look it up).</param>
    public static HookContainment Create(int maxProcesses = DefaultMaxProcesses, bool? callerHasTerminal = null)
    {
        HookContainment made = CreateGroups(maxProcesses);
        made.OwnSession = !made.HasGroup || (callerHasTerminal ?? ControlGroupFiles.HasControllingTerminal());
        return made;
    }

    private static HookContainment CreateGroups(int maxProcesses)
    {
        if (!OperatingSystem.IsLinux())
        {
            return new HookContainment(null, null, false, "control groups exist only on Linux");
        }

        // Unique across pid namespaces too: two testers that both see themselves as pid 2 must not share a group.
        string name = $"codex-hook-{Environment.ProcessId}-{Interlocked.Increment(ref counter)}-{Guid.NewGuid().ToString("N")[..8]}";
        try
        {
            if (File.Exists(Path.Combine(Root, "cgroup.controllers")))
            {
                string own = ControlGroupFiles.OwnGroup(string.Empty, ControlGroupFiles.OwnGroups()) ?? "/";
                string parent = Path.Combine(Root, own.TrimStart('/'));
                if (!File.ReadAllText(Path.Combine(parent, "cgroup.subtree_control")).Split(' ', '\n').Contains("pids"))
                {
                    return new HookContainment(null, null, false, $"the control group {own} does not delegate the pids controller");
                }

                string group = Path.Combine(parent, name);
                Directory.CreateDirectory(group);
                ControlFile.Write(Path.Combine(group, "pids.max"), maxProcesses.ToString(System.Globalization.CultureInfo.InvariantCulture));
                return new HookContainment(group, group, true, null);
            }

            string[] ownGroups = ControlGroupFiles.OwnGroups();
            string? pidsParent = ControlGroupFiles.Hierarchy("pids", ownGroups);
            string? freezerParent = ControlGroupFiles.Hierarchy("freezer", ownGroups);
            if (pidsParent is null)
            {
                return new HookContainment(null, null, false, "no pids control group is mounted");
            }

            string pids = Path.Combine(pidsParent, name);
            Directory.CreateDirectory(pids);
            ControlFile.Write(Path.Combine(pids, "pids.max"), maxProcesses.ToString(System.Globalization.CultureInfo.InvariantCulture));
            string? freezer = null;
            if (freezerParent is not null)
            {
                freezer = Path.Combine(freezerParent, name);
                Directory.CreateDirectory(freezer);
            }

            return new HookContainment(pids, freezer, false, null);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return new HookContainment(null, null, false, $"no control group could be made here ({ex.Message})");
        }
    }

    /// <summary>
    /// Puts the calling thread into the run's groups until disposed, so that the process it spawns meanwhile is born
    /// in them (a child starts in its parent thread's groups) and cannot fork before it is contained. Only cgroup v1
    /// moves a single thread; null where that cannot be done (no group, cgroup v2, refused): then <see cref="Wrap"/>.
    /// </summary>
    public IDisposable? EnterForSpawn()
    {
        if (pidsGroup is null || unified)
        {
            return pidsGroup is null ? new Leave(this, Array.Empty<string>()) : null;
        }

        var entered = new List<string>();
        try
        {
            foreach (string? group in new[] { pidsGroup, freezerGroup })
            {
                if (group is not null)
                {
                    // "0" is the writing thread itself (no thread id to look up, in any pid namespace).
                    ControlFile.Write(Path.Combine(group, "tasks"), "0");
                    entered.Add(group);
                }
            }

            return new Leave(this, entered);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            new Leave(this, entered).Dispose();
            return null;
        }
    }

    /// <summary>
    /// The argument vector (argv[0] first) that starts <paramref name="argv"/> inside this containment when the
    /// spawning thread could not enter it: a POSIX sh that joins the group, then (unless <paramref name="sessionMade"/>:
    /// the spawn already made a session) becomes a new session through setsid, and execs the hook's shell, so the
    /// process id stays the one that was started.
    /// </summary>
    public (string Program, IReadOnlyList<string> Argv) Wrap(string program, IReadOnlyList<string> argv, bool sessionMade)
    {
        if (OperatingSystem.IsWindows() || !File.Exists("/bin/sh"))
        {
            return (program, argv);
        }

        // $1..$n: the files to join, up to "--"; then setsid (when there is one), the hook's shell and its arguments.
        const string Script = "while [ \"$1\" != -- ]; do echo $$ > \"$1\" || exit 125; shift; done; shift; exec \"$@\"";
        var args = new List<string> { "/bin/sh", "-c", Script, "codex-hook" };
        args.AddRange(JoinFiles);
        args.Add("--");
        if (!sessionMade && new[] { "/usr/bin/setsid", "/bin/setsid" }.FirstOrDefault(File.Exists) is { } setsid)
        {
            args.Add(setsid);
            args.Add("-w");
        }

        args.Add(program);
        args.AddRange(argv.Skip(1));
        return ("/bin/sh", args);
    }

    public void Started(int pid) => LeaderId = pid;

    /// <summary>
    /// Ends every process of the run: freeze, kill all, thaw, until nothing is left (bounded: a process stuck in the
    /// kernel may stay). Returns how many processes were still found on the last round (0: all gone).
    /// </summary>
    /// <param name="leaderUnreaped">
    /// The group leader (the hook's shell) has not been waited for, so its process id, which is also the process
    /// group's id, cannot belong to anyone else yet. The group is then killed first with one signal, as codex
    /// kills a hook: what stayed in it (the common case, a shell and its children) ends at once, and a fork racing the
    /// signal cannot escape it (the kernel hands a group signal to a child forked meanwhile). Only what is still in
    /// the control group after that (a process that left the group, with setsid or setpgid) goes through the freeze
    /// rounds, which cost a freeze and a thaw of every member: for a tree of 255 processes most of a kill's time.
    /// </param>
    public int KillAll(TimeSpan budget, bool leaderUnreaped = false)
    {
        var watch = Stopwatch.StartNew();
        if (leaderUnreaped && pidsGroup is not null && LeaderId > 0)
        {
            _ = Kill(-LeaderId, 9);
            if (WaitForEmptyGroup(watch, budget))
            {
                return 0;
            }
        }

        int left;
        do
        {
            left = pidsGroup is not null ? KillGroupRound() : KillSessionRound();
            if (left == 0)
            {
                return 0;
            }

            Thread.Sleep(5);
        }
        while (watch.Elapsed < budget);

        return left;
    }

    /// <summary>
    /// Waits while the group's members are exiting: true once it is empty; false as soon as no member exited for a
    /// while (something the group signal did not reach, left for the freeze rounds) or the budget is spent.
    /// </summary>
    private bool WaitForEmptyGroup(Stopwatch watch, TimeSpan budget)
    {
        TimeSpan stall = TimeSpan.FromMilliseconds(20);
        int last = int.MaxValue;
        var sinceProgress = Stopwatch.StartNew();
        while (watch.Elapsed < budget)
        {
            int members = ControlGroupFiles.Members(pidsGroup!).Length;
            if (members == 0)
            {
                return true;
            }

            if (members < last)
            {
                last = members;
                sinceProgress.Restart();
            }
            else if (sinceProgress.Elapsed > stall)
            {
                return false;
            }

            Thread.Sleep(1);
        }

        return false;
    }

    private int KillGroupRound()
    {
        int[] members = ControlGroupFiles.Members(pidsGroup!);
        if (members.Length == 0)
        {
            return 0;
        }

        // Frozen, nothing in the group can fork, so one round kills every member there is. Later rounds only wait for
        // the killed to exit; the group is frozen and killed again only if a process the last round did not see shows up.
        // (Members never lists this process, and a spawning thread that failed to leave the group is never frozen.)
        if (members.Any(pid => !killed.Contains(pid)))
        {
            Freeze(true);
            foreach (int pid in ControlGroupFiles.Members(pidsGroup!))
            {
                _ = Kill(pid, 9);
                killed.Add(pid);
            }

            Freeze(false);
        }

        return ControlGroupFiles.Members(pidsGroup!).Length;
    }

    private int KillSessionRound()
    {
        if (LeaderId <= 0)
        {
            return 0;
        }

        // Stop the whole group first so nothing forks between finding and killing, then kill what shares the session
        // (without a control group the shell leads a session: OwnSession).
        _ = Kill(-LeaderId, 19);
        int[] members = ControlGroupFiles.SessionMembers(LeaderId);
        _ = Kill(-LeaderId, 9);
        foreach (int pid in members)
        {
            _ = Kill(pid, 9);
        }

        return ControlGroupFiles.SessionMembers(LeaderId).Length;
    }

    private void Freeze(bool frozen)
    {
        if (threadInside)
        {
            return;
        }

        try
        {
            if (unified)
            {
                ControlFile.Write(Path.Combine(freezerGroup!, "cgroup.freeze"), frozen ? "1" : "0");
            }
            else if (freezerGroup is not null)
            {
                frozenOnce |= frozen;
                ControlFile.Write(Path.Combine(freezerGroup, "freezer.state"), frozen ? "FROZEN" : "THAWED");
                if (frozen)
                {
                    // Freezing is asynchronous in v1: wait (briefly) until the group says so.
                    for (int i = 0; i < 200 && File.ReadAllText(Path.Combine(freezerGroup, "freezer.state")).Trim() == "FREEZING"; i++)
                    {
                        Thread.Sleep(1);
                    }
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
        }
    }

    /// <summary>Moves what is left (a daemon the hook started and that closed its output) out, and removes the groups.</summary>
    public void Dispose()
    {
        foreach (string? group in new[] { pidsGroup, unified ? null : freezerGroup })
        {
            if (group is null)
            {
                continue;
            }

            try
            {
                // Emptied and never frozen (a hook that finished), the group goes at once; one with members refuses.
                if (!frozenOnce && !threadInside && ControlGroupFiles.TryRemove(group))
                {
                    continue;
                }

                string parentProcs = Path.Combine(Path.GetDirectoryName(group)!, "cgroup.procs");
                foreach (int pid in ControlGroupFiles.Members(group))
                {
                    try
                    {
                        ControlFile.Write(parentProcs, pid.ToString(System.Globalization.CultureInfo.InvariantCulture));
                    }
                    catch (IOException)
                    {
                    }
                }

                if (!unified && group == freezerGroup)
                {
                    Freeze(false);
                }

                Directory.Delete(group);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
            }
        }
    }

    /// <summary>Moves the calling thread back to the groups it came from (each group's parent).</summary>
    private sealed class Leave(HookContainment containment, IReadOnlyList<string> entered) : IDisposable
    {
        public void Dispose()
        {
            foreach (string group in entered)
            {
                try
                {
                    ControlFile.Write(Path.Combine(Path.GetDirectoryName(group)!, "tasks"), "0");
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    containment.threadInside = true;
                }
            }
        }
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
