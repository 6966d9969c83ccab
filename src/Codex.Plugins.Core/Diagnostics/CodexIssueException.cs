namespace Codex.Plugins.Diagnostics;

/// <summary>Thrown by the engine only where the whole operation cannot go on; carries the issue.</summary>
public sealed class CodexIssueException : Exception
{
    public CodexIssueException(CodexIssue issue, Exception? inner = null)
        : base(issue.ToString(), inner)
    {
        Issue = issue;
    }

    public CodexIssue Issue { get; }
}
