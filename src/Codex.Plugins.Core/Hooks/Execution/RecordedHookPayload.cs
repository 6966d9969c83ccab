using Codex.Plugins.Diagnostics;

namespace Codex.Plugins.Hooks.Execution;

/// <summary>
/// A payload Codex sent, to be replayed as the hooks' stdin: JSON text, or a file holding it. The file is read when the
/// run builds its payload, so a missing file is HookInputInvalid at the same point as text that is not JSON.
/// </summary>
public sealed record RecordedHookPayload
{
    private RecordedHookPayload(string? text, string? filePath)
    {
        Text = text;
        FilePath = filePath;
    }

    /// <summary>The JSON text given inline (null when the payload is in a file).</summary>
    public string? Text { get; }

    /// <summary>The full path of the file holding the payload (null when given inline).</summary>
    public string? FilePath { get; }

    public static RecordedHookPayload FromText(string json) => new(json, null);

    public static RecordedHookPayload FromFile(string fullPath) => new(null, fullPath);

    /// <summary>
    /// A string as a user types it: JSON when it starts with '{' (a payload is always an object), otherwise the path of
    /// a file, made full by <paramref name="resolvePath"/> (the caller's current location and drives).
    /// </summary>
    public static RecordedHookPayload FromArgument(string value, Func<string, string> resolvePath) =>
        value.TrimStart().StartsWith('{') ? FromText(value) : FromFile(resolvePath(value));

    /// <summary>The payload's JSON text; a missing or unreadable file is HookInputInvalid.</summary>
    public string Read()
    {
        if (FilePath is null)
        {
            return Text!;
        }

        try
        {
            return Configuration.RegularFile.ReadAllText(FilePath, Configuration.FileSizeLimit.HookPayload);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CodexIssueException(new CodexIssue(ErrorIds.HookInputInvalid, IssueKind.NotFound,
                $"-InputObject is neither JSON nor a readable file: {FilePath} ({ex.Message})", FilePath, Target: "InputObject",
                RecommendedAction: "Pass the JSON text, or the path of a file that holds it."), ex);
        }
    }
}
