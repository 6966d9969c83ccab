namespace Codex.Plugins.Diagnostics;

/// <summary>What kind of failure an issue is, so the cmdlet layer can choose an error category.</summary>
public enum IssueKind
{
    /// <summary>The file is there but its content is wrong (does not parse, breaks a Codex rule).</summary>
    InvalidData,

    /// <summary>A file or folder that should be there is not.</summary>
    NotFound,

    /// <summary>The file could not be read (permissions, a folder where a file should be, I/O).</summary>
    ReadError,

    /// <summary>A value the caller gave is not of the right form (a malformed id): the caller's mistake, not the file's.</summary>
    InvalidArgument,

    /// <summary>Something Codex accepts but that will surprise: shown as a warning.</summary>
    Warning,
}
