namespace Codex.Plugins.Permissions;

/// <summary>
/// Filesystem access as Codex ranks it when two entries are equally specific: deny beats write, write beats read
/// (codex-rs protocol FileSystemAccessMode: "conflict precedence rather than capability breadth").
/// </summary>
public enum FileSystemAccess
{
    Read = 0,
    Write = 1,
    Deny = 2,
}
