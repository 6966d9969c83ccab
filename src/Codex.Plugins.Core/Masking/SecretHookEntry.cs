using Codex.Plugins.Configuration.Editing;

namespace Codex.Plugins.Masking;

/// <summary>One hook entry the secret hook needs in a config file: its key (for trust) and the edit that adds it.</summary>
public sealed record SecretHookEntry(string Event, string Key, string Command, IReadOnlyList<ConfigEditOperation> Steps, bool AlreadyPresent);
