using System.Text.Json.Nodes;
using Codex.Plugins.Hooks.Execution;

namespace Codex.Plugins.Tests.Hooks;

/// <summary>
/// A hook's output goes to the run's log as it is printed: whole lines, masked, no more than the run's output budget
/// keeps, and a record that says where a stream was cut.
/// </summary>
public sealed class HookOutputLogTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("codex-hook-log-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private static JsonObject[] Records(string path) =>
        File.ReadAllLines(path).Select(l => (JsonObject)JsonNode.Parse(l)!).ToArray();

    private HookProcessResult Run(string command, HookOutputLog log, long budget) =>
        HookProcessRunner.Run(command, folder, HookEnvironment.For(new Dictionary<string, string>(), new HookEnvironmentOptions()), Array.Empty<byte>(),
            TimeSpan.FromSeconds(30), default, new HookOutputBudget(budget), HookContainment.DefaultMaxProcesses, log.Open("hook-a"));

    [Fact]
    public void Output_over_the_runs_budget_is_not_logged_and_the_cut_is()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        string path = Path.Combine(folder, "run.jsonl");
        var log = new HookOutputLog(path, includeSecret: false);
        // 400 lines of 10 bytes; the budget keeps 1000 bytes (100 lines) of them.
        HookProcessResult run = Run("i=0; while [ $i -lt 400 ]; do printf 'line %04d\\n' $i; i=$((i+1)); done", log, 1000);

        Assert.True(run.StdoutCut);
        Assert.Equal(4000, run.StdoutBytes);
        JsonObject[] records = Records(path);
        Assert.All(records, r => Assert.Equal(log.RunId, (string?)r["run"]));
        Assert.All(records, r => Assert.Equal("hook-a", (string?)r["hook"]));
        string logged = string.Concat(records.Where(r => r["text"] is not null).Select(r => (string)r["text"]!));
        Assert.Equal(string.Concat(Enumerable.Range(0, 100).Select(i => $"line {i:0000}\n")), logged);
        JsonObject cut = Assert.Single(records, r => r["truncated"] is not null);
        Assert.Equal("stdout", (string?)cut["stream"]);
        Assert.Equal(1000, (long)cut["kept_bytes"]!);
        Assert.Null(log.Failure);
    }

    [Fact]
    public void An_endless_line_is_logged_in_pieces_that_never_split_a_character_and_secrets_are_masked()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        string path = Path.Combine(folder, "long.jsonl");
        var log = new HookOutputLog(path, includeSecret: false);
        // 100,000 three-byte characters without a newline, then a token on a line of its own.
        HookProcessResult run = Run("i=0; while [ $i -lt 1000 ]; do printf '%s' \"$(printf '€%.0s' $(seq 1 100))\"; i=$((i+1)); done; echo; echo 'token=ghp_0123456789abcdefghijABCDEFGHIJKLMNOP'", log, 16 * 1024 * 1024);

        Assert.Equal(0, run.ExitCode);
        string[] texts = Records(path).Select(r => (string)r["text"]!).ToArray();
        Assert.True(texts.Length > 2);
        Assert.All(texts, t => Assert.DoesNotContain('\uFFFD', t));
        Assert.Equal(100_000, string.Concat(texts).Count(c => c == '€'));
        Assert.DoesNotContain("ghp_0123456789", string.Concat(texts));
        Assert.Contains("token=", string.Concat(texts));
    }

    [Fact]
    public void A_log_that_fails_during_the_run_is_reported_and_the_run_still_ends()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        // A folder where the log should be: every append fails.
        string path = Path.Combine(folder, "is-a-folder");
        Directory.CreateDirectory(path);
        var log = new HookOutputLog(path, includeSecret: false);
        HookProcessResult run = Run("echo one; echo two", log, 1024);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("one\ntwo\n", run.Stdout);
        Assert.NotNull(log.Failure);
    }
}
