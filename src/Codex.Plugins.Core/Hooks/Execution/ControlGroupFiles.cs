namespace Codex.Plugins.Hooks.Execution;

/// <summary>What the kernel says about control groups and sessions: the members of a group, a session's processes, where the caller's own groups are, and whether it has a terminal.</summary>
internal static class ControlGroupFiles
{
    public const string Root = "/sys/fs/cgroup";

    public static int[] Members(string group)
    {
        try
        {
            return File.ReadAllLines(Path.Combine(group, "cgroup.procs"))
                .Select(l => int.TryParse(l, out int p) ? p : 0).Where(p => p > 0 && p != Environment.ProcessId).ToArray();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return Array.Empty<int>();
        }
    }

    /// <summary>Removes an empty group; false when it still has members (EBUSY) or is already gone.</summary>
    public static bool TryRemove(string group)
    {
        try
        {
            Directory.Delete(group);
            return true;
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>Processes whose session id (field 6 of /proc/PID/stat) is the hook's.</summary>
    public static int[] SessionMembers(int sid)
    {
        var found = new List<int>();
        if (!Directory.Exists("/proc"))
        {
            return Array.Empty<int>();
        }

        foreach (string dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out int pid))
            {
                continue;
            }

            try
            {
                string stat = File.ReadAllText(Path.Combine(dir, "stat"));
                // The command name is in parentheses and may hold spaces: fields start after the last ')'.
                string[] fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                if (fields.Length > 3 && fields[0] != "Z" && int.TryParse(fields[3], out int session) && session == sid)
                {
                    found.Add(pid);
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
            }
        }

        return found.ToArray();
    }

    /// <summary>Whether this process has a controlling terminal (field 7 of /proc/self/stat, tty_nr, is not 0).</summary>
    public static bool HasControllingTerminal()
    {
        try
        {
            string stat = File.ReadAllText("/proc/self/stat");
            string[] fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return fields.Length <= 4 || fields[4] != "0";
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Not known: assume one, so that the hook gets a session of its own and never the terminal.
            return true;
        }
    }

    /// <summary>The lines of the calling thread's /proc cgroup file (one per hierarchy), read once for all the lookups of a run.</summary>
    public static string[] OwnGroups() =>
        File.ReadAllLines(File.Exists("/proc/thread-self/cgroup") ? "/proc/thread-self/cgroup" : "/proc/self/cgroup");

    /// <summary>
    /// The calling thread's own group in a hierarchy ("" for the unified one), from <paramref name="lines"/>
    /// (<see cref="OwnGroups"/>): the hook starts from this thread, so its group goes below the one it would start in
    /// (and inside any limits set around the caller).
    /// </summary>
    public static string? OwnGroup(string controller, string[] lines)
    {
        foreach (string line in lines)
        {
            string[] parts = line.Split(':', 3);
            if (parts.Length == 3 && (controller.Length == 0 ? parts[0] == "0" && parts[1].Length == 0 : Array.IndexOf(parts[1].Split(','), controller) >= 0))
            {
                return parts[2];
            }
        }

        return null;
    }

    /// <summary>The folder of the caller's group in a cgroup v1 hierarchy, when mounted and writable.</summary>
    public static string? Hierarchy(string controller, string[] ownGroups)
    {
        string mount = Path.Combine(Root, controller);
        string? own = OwnGroup(controller, ownGroups);
        if (own is null || !Directory.Exists(mount))
        {
            return null;
        }

        string folder = Path.Combine(mount, own.TrimStart('/'));
        return Directory.Exists(folder) ? folder : null;
    }
}
