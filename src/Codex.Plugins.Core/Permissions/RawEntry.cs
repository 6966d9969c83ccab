namespace Codex.Plugins.Permissions;

/// <summary>One filesystem entry as written (before its special path or ~ is bound to real paths).</summary>
internal sealed record RawEntry(FileSystemAccess Access, string DefinedBy, string Origin, string? File, int? Line, string Rule);
