using Codex.Plugins.Diagnostics;

namespace Codex.Plugins.Mcp;

/// <summary>
/// Why Codex refuses an MCP server definition: the public error id, chosen by the check that finds the problem, the
/// message in Codex's (serde's) words, and what to do.
/// </summary>
public sealed record McpRefusal(string ErrorId, string Message, string RecommendedAction)
{
    private const string FixType = "Fix the value's type as the message says.";

    /// <summary>A value of the wrong type, in serde's words ("invalid type: ..., expected ...").</summary>
    public static McpRefusal WrongType(string message) => new(ErrorIds.ConfigValueInvalid, message, FixType);

    public static McpRefusal InlineBearerToken(string transport) => new(ErrorIds.McpInlineBearerToken,
        $"bearer_token is not supported for {transport}",
        "Keep the token out of the file: put it in an environment variable and name it with bearer_token_env_var.");

    /// <summary>A key of the other transport (url on a stdio server, args on an HTTP one).</summary>
    public static McpRefusal OtherTransportKey(string key, string transport) => new(ErrorIds.McpTransportConflict,
        $"{key} is not supported for {transport}",
        "A server is either stdio (command, args, env, env_vars, cwd) or streamable HTTP (url, bearer_token_env_var, http_headers, env_http_headers, oauth); remove the keys of the other transport.");

    public static McpRefusal NoTransport() => new(ErrorIds.McpTransportMissing, "invalid transport",
        "Give the server a command (stdio) or a url (streamable HTTP).");

    public static McpRefusal UnknownApprovalMode(string mode) => new(ErrorIds.McpApprovalModeInvalid,
        $"unknown variant `{mode}`, expected one of `auto`, `prompt`, `writes`, `approve`",
        "Use one of auto, prompt, writes, approve.");

    public static McpRefusal NegativeTimeout() => new(ErrorIds.ConfigValueInvalid,
        "cannot convert float seconds to Duration: value is negative", FixType);
}
