using System.Text;
using Microsoft.Win32.SafeHandles;

namespace Codex.Plugins.Hooks.Execution;

/// <summary>
/// Writes one value to a control group file (tasks, pids.max, cgroup.procs, freezer states) with one open, one write
/// and one close. File.WriteAllText makes eight system calls of it (stat, truncate, seek, ...); a hook run writes five
/// such files on its way in and out. Elsewhere than Linux (no control groups) it is File.WriteAllText.
/// </summary>
internal static class ControlFile
{
    /// <summary>Writes <paramref name="text"/> to <paramref name="path"/> (which must exist); throws IOException or UnauthorizedAccessException.</summary>
    public static void Write(string path, string text)
    {
        if (!OperatingSystem.IsLinux())
        {
            File.WriteAllText(path, text);
            return;
        }

        using SafeFileHandle handle = LinuxFile.Open(path, LinuxFile.WriteOnly | LinuxFile.CloseOnExec);
        LinuxFile.WriteAll(handle, Encoding.UTF8.GetBytes(text), path);
    }
}
