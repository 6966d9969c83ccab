using System.Buffers.Text;
using System.Text;
using static Codex.Plugins.Sessions.RolloutJson;

namespace Codex.Plugins.Sessions;

/// <summary>
/// What a tool call's output text says, from its head: a block by a PreToolUse hook (and why), the exit code of a
/// command (unified exec, or the older shell tool's metadata), a timeout, the id of a spawned agent.
/// </summary>
internal static class RolloutOutputText
{
    private static ReadOnlySpan<byte> HookBlockPrefix => "Command blocked by PreToolUse hook: "u8;

    // Inside a JSON string the quotes of embedded JSON are escaped.
    private static ReadOnlySpan<byte> LegacyExitCode => "\\\"exit_code\\\":"u8;

    private static ReadOnlySpan<byte> SpawnedAgentId => "\\\"agent_id\\\":\\\""u8;

    public static void Inspect(RolloutRecord record, ReadOnlySpan<byte> raw, bool escaped)
    {
        ReadOnlySpan<byte> head = raw.Length > 512 ? raw[..512] : raw;
        if (head.StartsWith(HookBlockPrefix))
        {
            record.OutputBlockedByHook = true;
            ReadOnlySpan<byte> rest = raw[HookBlockPrefix.Length..];
            int end = rest.IndexOf(". Command: "u8);
            ReadOnlySpan<byte> reason = end >= 0 ? rest[..end] : rest[..Math.Min(rest.Length, 400)];
            record.OutputBlockReason = escaped ? Unescape(reason) : Encoding.UTF8.GetString(reason);
            return;
        }

        // unified exec: "...Process exited with code N..."; older shell tool: {"output":...,"metadata":{"exit_code":N,...}}
        int at = head.IndexOf("Process exited with code "u8);
        if (at >= 0 && Utf8Parser.TryParse(head[(at + 25)..], out int code, out _))
        {
            record.OutputExitCode = code;
        }
        else
        {
            int meta = raw.LastIndexOf(LegacyExitCode);
            if (meta >= 0 && Utf8Parser.TryParse(raw[(meta + LegacyExitCode.Length)..], out int legacyCode, out _))
            {
                record.OutputExitCode = legacyCode;
            }
        }

        if (head.IndexOf("timed out"u8) >= 0)
        {
            record.OutputMentionsTimeout = true;
        }

        int agent = head.IndexOf(SpawnedAgentId);
        if (agent >= 0)
        {
            ReadOnlySpan<byte> rest = head[(agent + SpawnedAgentId.Length)..];
            int close = rest.IndexOf((byte)'\\');
            if (close > 0)
            {
                record.OutputAgentId = Encoding.UTF8.GetString(rest[..close]);
            }
        }
    }
}
