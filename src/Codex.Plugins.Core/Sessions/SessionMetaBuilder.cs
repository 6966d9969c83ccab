using System.Globalization;

namespace Codex.Plugins.Sessions;

/// <summary>Collects a session's meta from its session_meta line and first turn_context, whatever the version wrote.</summary>
internal sealed class SessionMetaBuilder
{
    private string? id;
    private string? rootId;
    private string? start;
    private string? cwd;
    private string? originator;
    private string? cliVersion;
    private string? source;
    private string? provider;
    private string? model;
    private string? parent;
    private int? depth;
    private string? role;
    private string? nickname;
    private bool subagent;

    public bool HasMeta { get; private set; }

    public bool HasModel => model is not null;

    public void TakeMeta(RolloutRecord r)
    {
        // A forked subagent's rollout may repeat its parent's history, meta included: the first meta is its own.
        if (HasMeta)
        {
            return;
        }

        HasMeta = true;
        id = r.Id;
        rootId = r.SessionId;
        start = r.MetaTimestamp;
        cwd = r.Cwd;
        originator = r.Originator;
        cliVersion = r.CliVersion;
        source = r.Source;
        provider = r.ModelProvider;
        parent = r.ParentThreadId;
        depth = r.Depth;
        role = r.AgentRole;
        nickname = r.AgentNickname;
        subagent = r.Source == "subagent" || parent is not null;
        model ??= r.Model;
    }

    public void TakeTurnContext(RolloutRecord r)
    {
        model ??= r.Model;
        cwd ??= r.Cwd;
    }

    public CodexSession Build(string path, long size, bool isArchived, string machine, DateTimeOffset? firstLine)
    {
        DateTimeOffset? started = start is not null && DateTimeOffset.TryParse(start, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset t) ? t : firstLine;
        return new CodexSession
        {
            Id = id ?? RolloutFileLocator.IdFromFileName(path) ?? Path.GetFileNameWithoutExtension(path),
            RootSessionId = rootId ?? (subagent ? null : id),
            Start = started?.UtcDateTime,
            Cwd = cwd,
            CliVersion = cliVersion,
            Originator = originator,
            Source = source,
            ModelProvider = provider,
            Model = model,
            ParentSessionId = parent,
            Depth = depth ?? (subagent ? 1 : 0),
            Role = subagent ? (string.IsNullOrEmpty(role) ? SessionRoles.DefaultSubagent : role) : SessionRoles.Main,
            AgentNickname = nickname,
            File = path,
            Size = size,
            IsArchived = isArchived,
            Machine = machine,
        };
    }
}
