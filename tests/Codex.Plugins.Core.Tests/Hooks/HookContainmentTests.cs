using System.Diagnostics;
using Codex.Plugins.Hooks.Execution;
using Codex.Plugins.Tests.Support;

namespace Codex.Plugins.Tests.Hooks;

/// <summary>
/// A hook under test cannot hurt its tester: its environment is Codex's, not the caller's; what it starts ends with
/// it; its output is bounded per run. Hostile hooks (process floods) run only inside a pids- and memory-limited
/// control group this test makes around them, and the test skips where it cannot make one.
/// </summary>
public sealed class HookContainmentTests
{
    private static readonly Dictionary<string, string> NoVariables = new();

    private static HookProcessResult Run(string command, double timeoutSeconds, IReadOnlyDictionary<string, string>? environment = null, HookOutputBudget? budget = null) =>
        HookProcessRunner.Run(command, Path.GetTempPath(), environment ?? HookEnvironment.For(NoVariables, new HookEnvironmentOptions()),
            Array.Empty<byte>(), TimeSpan.FromSeconds(timeoutSeconds), default, budget);

    [Fact]
    public void By_default_a_hook_gets_codexs_environment_not_the_callers_secrets()
    {
        var caller = new System.Collections.Hashtable
        {
            ["PATH"] = "/usr/bin:/bin", ["HOME"] = "/home/admin", ["LANG"] = "C.UTF-8", ["LC_ALL"] = "C", ["CODEX_HOME"] = "/home/admin/.codex",
            ["DATABASE_URL"] = "postgres://admin:hunter2@db/prod", ["AWS_SECRET_ACCESS_KEY"] = "wJalrXUtnFEMI", ["GITHUB_TOKEN"] = "ghp_x",
        };
        var plugin = new Dictionary<string, string> { ["PLUGIN_ROOT"] = "/p" };

        IReadOnlyDictionary<string, string> env = HookEnvironment.For(plugin, new HookEnvironmentOptions(), caller);
        Assert.Equal(new[] { "CODEX_HOME", "HOME", "LANG", "LC_ALL", "PATH", "PLUGIN_ROOT" }, env.Keys.Order(StringComparer.Ordinal).ToArray());

        IReadOnlyDictionary<string, string> added = HookEnvironment.For(plugin, new HookEnvironmentOptions { Add = new Dictionary<string, string> { ["DATABASE_URL"] = "sqlite://test" } }, caller);
        Assert.Equal("sqlite://test", added["DATABASE_URL"]);
        Assert.False(added.ContainsKey("GITHUB_TOKEN"));

        IReadOnlyDictionary<string, string> all = HookEnvironment.For(plugin, new HookEnvironmentOptions { PassAll = true }, caller);
        Assert.Equal("ghp_x", all["GITHUB_TOKEN"]);
    }

    [Fact]
    public void The_hook_process_sees_only_that_environment()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        Environment.SetEnvironmentVariable("ADMIN_TEST_SECRET_42", "s3cr3t-value");
        try
        {
            HookProcessResult run = Run("env", 10);
            Assert.DoesNotContain("s3cr3t-value", run.Stdout);
            Assert.Contains("PATH=", run.Stdout);
        }
        finally
        {
            Environment.SetEnvironmentVariable("ADMIN_TEST_SECRET_42", null);
        }
    }

    [Fact]
    public void A_timed_out_hook_leaves_nothing_running_background_setsid_or_nohup()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        string marker = "codex-hook-test-" + Guid.NewGuid().ToString("N")[..8];
        // Children of every kind: backgrounded, a new session (setsid), ignoring HUP and TERM, a double fork.
        string command = $"for i in 1 2 3; do sleep 300 & done; setsid sh -c 'exec -a {marker} sleep 300' & " +
            $"(trap '' TERM HUP; exec -a {marker} sleep 300) & sh -c '(exec -a {marker} sleep 300 &)' ; exec -a {marker} sleep 300";
        HookProcessResult run = Run(command, 1);

        Assert.True(run.TimedOut);
        Assert.Empty(Processes(marker));
    }

    [Fact]
    public void One_output_budget_serves_every_handler_of_a_run()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var budget = new HookOutputBudget(1024 * 1024);
        HookProcessResult[] runs = Enumerable.Range(0, 4).AsParallel()
            .Select(_ => Run("head -c 3000000 /dev/zero | tr '\\0' x", 30, budget: budget)).ToArray();

        Assert.True(runs.Sum(r => (long)r.Stdout.Length) <= 1024 * 1024);
        Assert.All(runs, r => Assert.Equal(3000000, r.StdoutBytes));
        Assert.All(runs, r => Assert.True(r.StdoutCut));
        Assert.True(budget.Exhausted);
    }

    [Fact]
    public void A_255_process_tree_is_gone_after_its_timeout()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        using var jail = TestJail.Create(maxProcesses: 600, memoryBytes: 1024L * 1024 * 1024, out string? why);
        if (jail is null)
        {
            Console.WriteLine($"SKIPPED 255-process test: {why}");
            return;
        }

        string command = "for i in $(seq 1 254); do sleep 300 & done; wait";
        HookProcessResult run = jail.RunInside(() => Run(command, 2));

        Assert.True(run.TimedOut);
        Assert.Equal(0, jail.Count());
    }

    private static int[] Processes(string marker)
    {
        var found = new List<int>();
        foreach (string dir in Directory.EnumerateDirectories("/proc"))
        {
            try
            {
                if (int.TryParse(Path.GetFileName(dir), out int pid) && File.ReadAllText(Path.Combine(dir, "cmdline")).Contains(marker, StringComparison.Ordinal))
                {
                    found.Add(pid);
                }
            }
            catch (IOException)
            {
            }
        }

        return found.ToArray();
    }
}
