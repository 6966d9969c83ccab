namespace Codex.Plugins.Diagnostics;

public static partial class ErrorIds
{
    // Editing configuration files (ConfigEdit and the cmdlets that change configuration)

    /// <summary>The file changed between the read the change was based on and the write; -Force re-reads and retries.</summary>
    public const string ConfigChangedOnDisk = "ConfigChangedOnDisk";

    /// <summary>Another writer held the file's lock for longer than the timeout.</summary>
    public const string ConfigLocked = "ConfigLocked";

    /// <summary>The file is marked read-only or this account may not write it.</summary>
    public const string ConfigReadOnly = "ConfigReadOnly";

    /// <summary>Writing the new version failed (folder not writable, disk full, ...); the original is untouched.</summary>
    public const string ConfigWriteFailed = "ConfigWriteFailed";

    /// <summary>The file, or a folder on its way, is a link whose owner could not have written its target (a home's owner pointing root at root's files); nothing was written.</summary>
    public const string ConfigLinkRefused = "ConfigLinkRefused";

    /// <summary>-Backup could not keep the previous version (disk full, no free backup name); the file was not changed.</summary>
    public const string ConfigBackupFailed = "ConfigBackupFailed";

    /// <summary>The edit would have produced text that does not parse; nothing was written.</summary>
    public const string ConfigEditInvalid = "ConfigEditInvalid";

    /// <summary>The key cannot be edited in this file's shape (it lies under an array of tables, or a value stands where a table is needed).</summary>
    public const string ConfigEditUnsupported = "ConfigEditUnsupported";

    /// <summary>The change was made, but a higher configuration layer sets the same key and wins.</summary>
    public const string ConfigKeyOverridden = "ConfigKeyOverridden";

    /// <summary>The change was written to a file Codex does not read for this home and project (-ConfigPath elsewhere, an untrusted project).</summary>
    public const string ConfigNotRead = "ConfigNotRead";

    /// <summary>The server is not defined where the change would be written, and writing it there would break other sessions.</summary>
    public const string McpServerNotInScope = "McpServerNotInScope";

    /// <summary>A per-tool setting names a tool the server's enabled_tools list leaves out.</summary>
    public const string McpToolNotEnabled = "McpToolNotEnabled";

    /// <summary>The scope asked for cannot be resolved (-Scope Profile without -Profile).</summary>
    public const string ConfigScopeInvalid = "ConfigScopeInvalid";
}
