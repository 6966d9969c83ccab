using System.Diagnostics;
using Codex.Plugins.Hooks.Execution;

namespace Codex.Plugins.Tests.Hooks;

/// <summary>A run's control group is removed when the run ends: at once when it is empty, after moving out what is left otherwise.</summary>
public sealed class HookContainmentCleanupTests
{
    private static string[] Groups(HookContainment containment) => containment.JoinFiles.Select(f => Path.GetDirectoryName(f)!).ToArray();

    [Fact]
    public void An_emptied_group_is_removed()
    {
        using HookContainment containment = HookContainment.Create();
        if (!containment.HasGroup)
        {
            return;
        }

        string[] groups = Groups(containment);
        Assert.All(groups, g => Assert.True(Directory.Exists(g)));
        Assert.Equal(0, containment.KillAll(TimeSpan.FromSeconds(10)));
        containment.Dispose();
        Assert.All(groups, g => Assert.False(Directory.Exists(g)));
    }

    [Fact]
    public void A_group_with_a_member_left_moves_it_out_and_is_removed()
    {
        HookContainment containment = HookContainment.Create();
        if (!containment.HasGroup)
        {
            containment.Dispose();
            return;
        }

        string[] groups = Groups(containment);
        using var sleeper = Process.Start(new ProcessStartInfo("sleep", "600") { UseShellExecute = false })!;
        try
        {
            foreach (string procs in containment.JoinFiles)
            {
                File.WriteAllText(procs, sleeper.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            containment.Dispose();
            Assert.All(groups, g => Assert.False(Directory.Exists(g)));
            Assert.False(sleeper.HasExited);
        }
        finally
        {
            sleeper.Kill();
            sleeper.WaitForExit();
        }
    }
}
