using System.Diagnostics;

namespace Codex.Plugins.Hooks.Execution;

/// <summary>Starts hook shells the way this platform does best.</summary>
internal static class HookProcessStarter
{
    private static bool posixSpawn = true;

    /// <summary>Starts <paramref name="program"/> with its argument vector (argv[0] first); throws <see cref="HookStartException"/>.</summary>
    public static IHookProcess Start(string program, IReadOnlyList<string> argv, string cwd, IReadOnlyDictionary<string, string> environment, byte[] stdin,
        HookOutputCapture stdout, HookOutputCapture stderr, HookContainment containment)
    {
        if (OperatingSystem.IsLinux() && posixSpawn)
        {
            try
            {
                return PosixHookProcess.Start(program, argv, cwd, environment, stdin, stdout, stderr, containment);
            }
            catch (Exception ex) when (ex is EntryPointNotFoundException or DllNotFoundException)
            {
                // A C library without posix_spawn_file_actions_addchdir_np (glibc before 2.29): .NET starts them there.
                posixSpawn = false;
            }
        }

        return DotnetHookProcess.Start(program, argv, cwd, environment, stdin, stdout, stderr, containment);
    }

    internal static TimeSpan Remaining(Stopwatch watch, TimeSpan timeout)
    {
        TimeSpan left = timeout - watch.Elapsed;
        return left > TimeSpan.Zero ? left : TimeSpan.Zero;
    }
}
