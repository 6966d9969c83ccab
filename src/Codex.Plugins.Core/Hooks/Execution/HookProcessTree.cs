using System.ComponentModel;
using System.Diagnostics;

namespace Codex.Plugins.Hooks.Execution;

/// <summary>
/// The slow, machine-wide kills for what a hook run left outside its control group: its process tree, and any process
/// still holding its output pipes.
/// </summary>
internal static class HookProcessTree
{
    public static void KillTree(int pid)
    {
        // The shell and every process under it (a backgrounded `sleep` keeps the output pipes open): codex 0.169.0
        // was seen killing such a child on timeout too. A child that detached itself from the tree (double fork,
        // setsid) escapes, as it escapes any tree kill.
        try
        {
            using Process process = Process.GetProcessById(pid);
            process.Kill(entireProcessTree: true);
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or Win32Exception or NotSupportedException)
        {
        }
    }

    /// <summary>
    /// Kills every process that still holds the hook's stdout or stderr pipe. A background child of the shell
    /// (`sleep 300 &amp;`) outlives the shell, is re-parented away from its tree and keeps the pipes open: it is what makes
    /// such a hook time out, and codex 0.169.0 killed it too. Linux only (/proc); elsewhere the tree kill is all.
    /// </summary>
    /// <param name="descriptors">This process's read ends of the hook's output pipes.</param>
    public static void KillPipeHolders(IEnumerable<nint> descriptors)
    {
        if (!Directory.Exists("/proc/self/fd"))
        {
            return;
        }

        var pipes = new HashSet<string>(StringComparer.Ordinal);
        foreach (nint descriptor in descriptors)
        {
            try
            {
                if (new FileInfo($"/proc/self/fd/{descriptor}").LinkTarget is { } target)
                {
                    pipes.Add(target);
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ObjectDisposedException or InvalidOperationException)
            {
            }
        }

        if (pipes.Count == 0)
        {
            return;
        }

        int self = Environment.ProcessId;
        foreach (string dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out int pid) || pid == self)
            {
                continue;
            }

            try
            {
                bool holds = Directory.EnumerateFileSystemEntries(Path.Combine(dir, "fd")).Any(fd => new FileInfo(fd).LinkTarget is { } t && pipes.Contains(t));
                if (holds)
                {
                    using Process holder = Process.GetProcessById(pid);
                    holder.Kill(entireProcessTree: true);
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or InvalidOperationException or Win32Exception or NotSupportedException)
            {
                // Gone already, or not ours to see.
            }
        }
    }
}
