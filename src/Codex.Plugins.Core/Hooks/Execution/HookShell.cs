using System.Runtime.InteropServices;

namespace Codex.Plugins.Hooks.Execution;

/// <summary>The shell Codex runs hook commands with: the account's login shell (cmd.exe /C on Windows).</summary>
internal static class HookShell
{
    public static (string Program, string[] Args) Resolve()
    {
        if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
        {
            return (Environment.GetEnvironmentVariable("COMSPEC") ?? "cmd.exe", new[] { "/C" });
        }

        string? shell = null;
        try
        {
            uint uid = NativeMethods.getuid();
            foreach (string line in File.ReadLines("/etc/passwd"))
            {
                string[] f = line.Split(':');
                if (f.Length >= 7 && uint.TryParse(f[2], out uint id) && id == uid && f[6].Length > 0)
                {
                    shell = f[6];
                    break;
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or DllNotFoundException or EntryPointNotFoundException)
        {
        }

        shell ??= Environment.GetEnvironmentVariable("SHELL");
        return (shell is not null && File.Exists(shell) ? shell : "/bin/sh", new[] { "-c" });
    }

    private static class NativeMethods
    {
        [DllImport("libc")]
        public static extern uint getuid();
    }
}
