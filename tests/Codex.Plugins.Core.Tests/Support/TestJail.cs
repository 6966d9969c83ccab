using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Codex.Plugins.Tests.Support;

/// <summary>
/// A pids- and memory-limited control group (cgroup v1) that a hostile test runs its hook inside: the test's thread
/// moves in, starts the hook (a child starts in its parent thread's group) and moves out again. Limits are
/// hierarchical, so the groups the module makes for its hooks sit inside it and cannot exceed it. Create returns null,
/// with the reason, where the machine offers no such group: the test then skips.
/// </summary>
internal sealed class TestJail : IDisposable
{
    private readonly string pids;
    private readonly string memory;
    private readonly string pidsHome;
    private readonly string memoryHome;

    private TestJail(string pids, string memory, string pidsHome, string memoryHome)
    {
        this.pids = pids;
        this.memory = memory;
        this.pidsHome = pidsHome;
        this.memoryHome = memoryHome;
    }

    public int MaxProcesses { get; private init; }

    /// <summary>The most tasks (processes and threads) the group held at once (pids.peak where the kernel keeps it).</summary>
    public int Peak => File.Exists(Path.Combine(pids, "pids.peak")) ? int.Parse(File.ReadAllText(Path.Combine(pids, "pids.peak")).Trim()) : 0;

    public static TestJail? Create(int maxProcesses, long memoryBytes, out string? why)
    {
        why = null;
        if (!OperatingSystem.IsLinux())
        {
            why = "control groups exist only on Linux";
            return null;
        }

        string? pidsHome = Own("pids", "/sys/fs/cgroup/pids");
        string? memoryHome = Own("memory", "/sys/fs/cgroup/memory");
        if (pidsHome is null || memoryHome is null)
        {
            why = "no cgroup v1 pids and memory hierarchies are mounted for this process";
            return null;
        }

        string name = "codex-test-jail-" + Guid.NewGuid().ToString("N")[..12];
        try
        {
            string pids = Path.Combine(pidsHome, name);
            string memory = Path.Combine(memoryHome, name);
            Directory.CreateDirectory(pids);
            Directory.CreateDirectory(memory);
            File.WriteAllText(Path.Combine(pids, "pids.max"), maxProcesses.ToString());
            File.WriteAllText(Path.Combine(memory, "memory.limit_in_bytes"), memoryBytes.ToString());
            return new TestJail(pids, memory, pidsHome, memoryHome) { MaxProcesses = maxProcesses };
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            why = $"cannot make a control group here ({ex.Message})";
            return null;
        }
    }

    /// <summary>Runs <paramref name="work"/> with this thread (and so every process it starts) inside the group.</summary>
    public T RunInside<T>(Func<T> work)
    {
        string tid = GetTid().ToString();
        File.WriteAllText(Path.Combine(pids, "tasks"), tid);
        File.WriteAllText(Path.Combine(memory, "tasks"), tid);
        try
        {
            return work();
        }
        finally
        {
            File.WriteAllText(Path.Combine(pidsHome, "tasks"), tid);
            File.WriteAllText(Path.Combine(memoryHome, "tasks"), tid);
        }
    }

    /// <summary>
    /// Shows the cap holds before anything hostile runs: a shell asks for twice the cap in sleeping children; the group
    /// must refuse past the cap (pids.events counts refusals) and never hold more than the cap.
    /// </summary>
    public bool Proves()
    {
        RunInside(() =>
        {
            var psi = new ProcessStartInfo("/bin/sh") { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
            psi.ArgumentList.Add("-c");
            psi.ArgumentList.Add($"i=0; while [ $i -lt {MaxProcesses * 2} ]; do sleep 30 & i=$((i+1)); done 2>/dev/null; exit 0");
            using Process p = Process.Start(psi)!;
            p.WaitForExit(60_000);
            return 0;
        });
        bool capped = int.Parse(File.ReadAllText(Path.Combine(pids, "pids.current")).Trim()) <= MaxProcesses && File.ReadAllText(Path.Combine(pids, "pids.events")).Trim() != "max 0";
        KillAll();
        return capped && Count() == 0;
    }

    /// <summary>
    /// Live processes in the group and everything below it (cgroup.procs; pids.current would also count the dead
    /// until the container's init reaps them).
    /// </summary>
    public int Count() => Directory.EnumerateDirectories(pids, "*", SearchOption.AllDirectories).Append(pids)
        .Sum(g =>
        {
            try
            {
                return File.ReadAllLines(Path.Combine(g, "cgroup.procs")).Count(l => l.Length > 0);
            }
            catch (IOException)
            {
                return 0;
            }
        });

    private void KillAll()
    {
        for (int round = 0; round < 200 && Count() > 0; round++)
        {
            foreach (string group in Directory.EnumerateDirectories(pids, "*", SearchOption.AllDirectories).Append(pids))
            {
                foreach (string line in File.ReadAllLines(Path.Combine(group, "cgroup.procs")))
                {
                    if (int.TryParse(line, out int pid))
                    {
                        _ = Kill(pid, 9);
                    }
                }
            }

            Thread.Sleep(10);
        }
    }

    public void Dispose()
    {
        KillAll();
        foreach (string root in new[] { pids, memory })
        {
            foreach (string group in Directory.EnumerateDirectories(root, "*", SearchOption.AllDirectories).Reverse().Append(root))
            {
                try
                {
                    Directory.Delete(group);
                }
                catch (IOException)
                {
                }
            }
        }
    }

    private static string? Own(string controller, string mount)
    {
        if (!Directory.Exists(mount) || !File.Exists("/proc/thread-self/cgroup"))
        {
            return null;
        }

        foreach (string line in File.ReadLines("/proc/thread-self/cgroup"))
        {
            string[] parts = line.Split(':', 3);
            if (parts.Length == 3 && parts[1].Split(',').Contains(controller))
            {
                string folder = Path.Combine(mount, parts[2].TrimStart('/'));
                return Directory.Exists(folder) ? folder : null;
            }
        }

        return null;
    }

    [DllImport("libc", EntryPoint = "gettid")]
    private static extern int GetTid();

    [DllImport("libc", EntryPoint = "kill")]
    private static extern int Kill(int pid, int signal);
}
