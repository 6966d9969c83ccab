using Codex.Plugins.Diagnostics;

namespace Codex.Plugins.Sessions;

/// <summary>
/// A session's meta without reading the whole rollout: the head up to the first turn_context (id, start, cwd,
/// version, role, parent, model), and the tail for the last line's timestamp. Cost per file: two small reads.
/// </summary>
public static class SessionMetaReader
{
    // session_meta carries the base instructions (tens of KB); the first turn_context follows within a few lines.
    private const int MaxHeadLines = 64;
    private const int TailChunk = 64 * 1024;
    private const int MaxTail = 4 * 1024 * 1024;

    public static CodexSession? Read(RolloutFile file, SessionReadContext context, List<CodexIssue> issues)
    {
        string path = file.Path;
        if (RolloutFileLocator.IsCompressed(path))
        {
            issues.Add(new CodexIssue(ErrorIds.SessionFileCompressed, IssueKind.InvalidData,
                "The rollout is zstd-compressed (.jsonl.zst), which this module does not read.", path, Target: path,
                RecommendedAction: "Decompress it (zstd -d) beside the original to read it."));
            return null;
        }

        try
        {
            using FileStream stream = RolloutLineReader.Open(path, bufferSize: 0);
            long size = stream.Length;
            if (size == 0)
            {
                issues.Add(new CodexIssue(ErrorIds.SessionFileEmpty, IssueKind.InvalidData, "The rollout file is empty: the session wrote nothing.", path, Target: path,
                    RecommendedAction: "A session that never started leaves such a file. Remove it once no codex is running."));
                return null;
            }

            var record = new RolloutRecord();
            var meta = new SessionMetaBuilder();
            DateTimeOffset? first = null;
            bool firstInvalid = false;
            RolloutLineReader.ReadLines(stream, (line, number, terminated) =>
            {
                if (!record.TryRead(line))
                {
                    if (number == 1)
                    {
                        firstInvalid = true;
                    }

                    return number < MaxHeadLines;
                }

                first ??= record.ParseTimestamp();
                if (record.Kind is RolloutItemKind.SessionMeta or RolloutItemKind.LegacyMeta)
                {
                    meta.TakeMeta(record);
                }
                else if (record.Kind == RolloutItemKind.TurnContext)
                {
                    meta.TakeTurnContext(record);
                }

                return !(meta.HasMeta && meta.HasModel) && number < MaxHeadLines;
            });

            if (!meta.HasMeta)
            {
                issues.Add(new CodexIssue(firstInvalid ? ErrorIds.SessionLineInvalid : ErrorIds.SessionMetaMissing, IssueKind.InvalidData,
                    firstInvalid
                        ? "The first line is not valid JSON, so the session's meta is unknown; its id comes from the file name."
                        : "The rollout has no session_meta line: its id comes from the file name, and its start, cwd and version are unknown.",
                    path, firstInvalid ? 1 : null, Target: path, RecommendedAction: "The file may have been cut at its start or written by another tool."));
            }

            CodexSession session = meta.Build(path, size, file.IsArchived, context.Machine, first ?? file.NameTime);
            DateTimeOffset? end = LastTimestamp(stream, size);
            return end is null ? session : new CodexSession
            {
                Id = session.Id, Start = session.Start, End = end?.UtcDateTime, Cwd = session.Cwd, CliVersion = session.CliVersion, Originator = session.Originator,
                Source = session.Source, Model = session.Model, ModelProvider = session.ModelProvider, Role = session.Role, AgentNickname = session.AgentNickname,
                ParentSessionId = session.ParentSessionId, RootSessionId = session.RootSessionId, Depth = session.Depth, File = session.File, Size = session.Size,
                IsArchived = session.IsArchived, Machine = session.Machine,
            };
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            issues.Add(new CodexIssue(ErrorIds.SessionFileUnreadable, IssueKind.ReadError, $"The rollout could not be read: {ex.Message}", path, Target: path,
                RecommendedAction: "Check the file's permissions."));
            return null;
        }
    }

    private static ReadOnlySpan<byte> LineStart => "{\"timestamp\":\""u8;

    // Every envelope line starts with {"timestamp":"...": the last such start in the tail is the last line's.
    private static DateTimeOffset? LastTimestamp(FileStream stream, long size)
    {
        for (int chunk = TailChunk; ; chunk *= 4)
        {
            int length = (int)Math.Min(size, chunk);
            byte[] tail = new byte[length];
            stream.Seek(size - length, SeekOrigin.Begin);
            stream.ReadExactly(tail);
            ReadOnlySpan<byte> span = tail;
            int search = span.Length;
            while (search > 0)
            {
                int at = span[..search].LastIndexOf(LineStart);
                if (at < 0)
                {
                    break;
                }

                // At the chunk's start the byte before is unseen; the pattern itself only ever starts a line.
                if (at == 0 || span[at - 1] == (byte)'\n')
                {
                    ReadOnlySpan<byte> rest = span[(at + LineStart.Length)..];
                    int close = rest.IndexOf((byte)'"');
                    if (close > 0 && RolloutRecord.ParseTimestamp(rest[..close]) is { } t)
                    {
                        return t;
                    }
                }

                search = at;
            }

            if (length >= size || chunk >= MaxTail)
            {
                return null;
            }
        }
    }
}
