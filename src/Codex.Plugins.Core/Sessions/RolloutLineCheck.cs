using Codex.Plugins.Diagnostics;
using Codex.Plugins.Masking;

namespace Codex.Plugins.Sessions;

/// <summary>
/// Which lines of one rollout are measured, and the problems of those that are not: blank lines pass, an over-long or
/// invalid line is counted and reported (the first few of a file one by one), a cut-off last line marks the file
/// incomplete, an item of an unknown kind is counted and reported once per run.
/// </summary>
internal sealed class RolloutLineCheck
{
    private readonly string path;
    private readonly SessionReadContext context;
    private readonly List<CodexIssue> issues;
    private readonly Dictionary<string, long> unknownKinds = new(StringComparer.Ordinal);
    private int lineIssues;

    public RolloutLineCheck(string path, SessionReadContext context, List<CodexIssue> issues)
    {
        this.path = path;
        this.context = context;
        this.issues = issues;
    }

    public long Lines { get; private set; }

    public long InvalidLines { get; private set; }

    public long UnknownItems { get; private set; }

    /// <summary>False when the last line was cut off.</summary>
    public bool IsComplete { get; private set; } = true;

    /// <summary>Reads the line into <paramref name="record"/>; false when there is nothing to measure on it.</summary>
    public bool Read(RolloutRecord record, ReadOnlySpan<byte> line, long number, bool terminated)
    {
        Lines++;
        if (line.IsEmpty || line.Trim((byte)' ').IsEmpty)
        {
            if (line.IsEmpty && !terminated)
            {
                // Only an over-long line arrives empty and unterminated.
                InvalidLines++;
                Report(ErrorIds.SessionLineInvalid, $"Line {number} is longer than {RolloutLineReader.MaxLineBytes / (1 << 20)} MB; it was skipped.", number);
            }

            return false;
        }

        if (record.TryRead(line))
        {
            return true;
        }

        InvalidLines++;
        if (!terminated)
        {
            IsComplete = false;
            issues.Add(new CodexIssue(ErrorIds.SessionLineTruncated, IssueKind.InvalidData,
                $"The last line ({number}) is cut off: the session was still being written, or the copy was taken mid-write. The lines before it are measured.",
                path, (int)Math.Min(number, int.MaxValue), Target: path,
                RecommendedAction: "Measure again once the session has ended."));
        }
        else
        {
            Report(ErrorIds.SessionLineInvalid, $"Line {number} is not a JSON object; it was skipped.", number);
        }

        return false;
    }

    /// <summary>Counts an item of a kind this module does not know; the first of each kind in a run is reported.</summary>
    public void CountUnknownKind(RolloutRecord record, long number)
    {
        UnknownItems++;
        string kind = record.KindText ?? "(no type)";
        unknownKinds[kind] = unknownKinds.TryGetValue(kind, out long seen) ? seen + 1 : 1;
        if (unknownKinds[kind] == 1 && context.ReportedUnknownKinds.Add(kind))
        {
            issues.Add(new CodexIssue(ErrorIds.SessionItemUnknown, IssueKind.InvalidData,
                $"Line {number} is a rollout item of a kind this module does not know ('{SecretText.Mask(kind)}'); such lines are counted (UnknownItems) and skipped. Reported once per run.",
                path, (int)Math.Min(number, int.MaxValue), Target: kind,
                RecommendedAction: "A newer Codex may write it; the other metrics are unaffected."));
        }
    }

    /// <summary>Reports a rollout with lines but no session_meta line.</summary>
    public void CheckMeta(bool hasMeta)
    {
        if (!hasMeta && Lines > 0)
        {
            issues.Add(new CodexIssue(ErrorIds.SessionMetaMissing, IssueKind.InvalidData,
                "The rollout has no session_meta line: its id comes from the file name, and its start, cwd and version are unknown.",
                path, Target: path, RecommendedAction: "The file may have been cut at its start; the other lines are measured."));
        }
    }

    private void Report(string id, string message, long number)
    {
        lineIssues++;
        if (lineIssues <= context.MaxLineIssuesPerFile)
        {
            issues.Add(new CodexIssue(id, IssueKind.InvalidData, message, path, (int)Math.Min(number, int.MaxValue), Target: path,
                RecommendedAction: "The other lines are measured; InvalidLines counts every skipped line."));
        }
    }
}
