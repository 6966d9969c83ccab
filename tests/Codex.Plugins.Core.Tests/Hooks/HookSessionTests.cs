using Codex.Plugins.Hooks.Execution;

namespace Codex.Plugins.Tests.Hooks;

/// <summary>
/// A hook's shell leads a process group of its own, and a session of its own only where one is needed: without a
/// control group (the session is then what one kill reaches) or when the tester has a terminal (which the hook must
/// not get). A new session costs a scheduling group of its own under autogroup, and the hook ran slower in it.
/// </summary>
public sealed class HookSessionTests
{
    /// <summary>The shell's own pid, process group, session and terminal, from /proc/$$/stat.</summary>
    private static (int Pid, int Group, int Session, int Terminal) ShellIds()
    {
        HookProcessResult run = HookProcessRunner.Run("cat /proc/$$/stat", Path.GetTempPath(),
            HookEnvironment.For(new Dictionary<string, string>(), new HookEnvironmentOptions()), Array.Empty<byte>(), TimeSpan.FromSeconds(30));
        Assert.Equal(0, run.ExitCode);
        string stat = run.Stdout;
        string[] fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (int.Parse(stat[..stat.IndexOf(' ')]), int.Parse(fields[2]), int.Parse(fields[3]), int.Parse(fields[4]));
    }

    [Fact]
    public void The_hooks_shell_leads_its_own_process_group_and_a_session_only_where_one_is_needed()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        bool hasGroup;
        using (HookContainment probe = HookContainment.Create())
        {
            hasGroup = probe.HasGroup;
        }

        bool testerHasTerminal = ControlGroupFiles.HasControllingTerminal();
        (int pid, int group, int session, int terminal) = ShellIds();

        Assert.Equal(pid, group);
        Assert.Equal(!hasGroup || testerHasTerminal, session == pid);
        Assert.NotEqual(Environment.ProcessId, pid);
        // Either way the hook has no controlling terminal: the tester had none to hand down, or the session left it behind.
        Assert.Equal(0, terminal);
    }

    [Fact]
    public void A_session_is_kept_without_a_control_group_or_when_the_tester_has_a_terminal()
    {
        using HookContainment withTerminal = HookContainment.Create(callerHasTerminal: true);
        Assert.True(withTerminal.OwnSession);

        using HookContainment withoutTerminal = HookContainment.Create(callerHasTerminal: false);
        Assert.Equal(!withoutTerminal.HasGroup, withoutTerminal.OwnSession);
    }
}
