namespace Codex.Plugins.Configuration.Editing;

/// <summary>An item whose change is in place after Commit, with the environment whose file holds it.</summary>
public sealed record CommittedItem(CodexEnvironment Environment, string Item);
