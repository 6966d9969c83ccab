using System.Text;
using System.Text.Json.Nodes;

namespace Codex.Plugins.Hooks.Execution;

/// <summary>
/// Appends one JSON line per run to an audit log (and, while the run goes, its hooks' output: <see cref="HookOutputLog"/>),
/// whole lines only, safe against concurrent writers.
/// </summary>
public static class HookRunLog
{
    /// <param name="runId">The run's id, shared with the output records streamed during the run (null: none were).</param>
    public static void Append(string path, CodexHookOutcome outcome, DateTimeOffset when, string? runId = null)
    {
        var line = new JsonObject
        {
            ["time"] = when.ToString("O"),
            ["run"] = runId,
            ["event"] = outcome.Event,
            ["decision"] = outcome.Decision,
            ["reason"] = outcome.Reason,
            ["updated_input"] = outcome.UpdatedInput,
            ["counts"] = new JsonObject { ["pass"] = outcome.Passed, ["fail"] = outcome.Failed, ["skip"] = outcome.Skipped, ["block"] = outcome.Blocked },
            ["codex_home"] = outcome.CodexHome,
            ["project_path"] = outcome.ProjectPath,
            ["payload"] = outcome.Payload,
            ["results"] = new JsonArray(outcome.Results.Select(r => (JsonNode)new JsonObject
            {
                ["key"] = r.HookKey,
                ["status"] = r.Status,
                ["decision"] = r.Decision,
                ["reason"] = r.Reason,
                ["error"] = r.Error,
                ["exit_code"] = r.ExitCode,
                ["duration_ms"] = (long)r.Duration.TotalMilliseconds,
                ["stdout_bytes"] = r.StdoutBytes,
                ["stderr_bytes"] = r.StderrBytes,
                ["output_truncated"] = r.OutputTruncated,
                ["command"] = r.Command,
                ["trust"] = r.TrustStatus.ToString(),
            }).ToArray()),
        };
        AppendLine(path, line);
    }

    /// <summary>Appends one record as one line, in one write.</summary>
    public static void AppendLine(string path, JsonObject line)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(line.ToJsonString(HookPayloadBuilder.Relaxed) + "\n");
        string? dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (dir is not null)
        {
            Directory.CreateDirectory(dir);
        }

        // One write of the whole line at the file's end as it is then: lines from concurrent writers never interleave
        // nor overwrite each other (see AppendOnlyFile: FileMode.Append alone let them).
        for (int attempt = 0; ; attempt++)
        {
            try
            {
                using AppendOnlyFile file = AppendOnlyFile.Open(path);
                file.Write(bytes);
                return;
            }
            catch (IOException) when (attempt < 20)
            {
                Thread.Sleep(25);
            }
        }
    }
}
