namespace Codex.Plugins.Configuration;

/// <summary>What a listing knows to be at a path (<see cref="PathProbe"/>).</summary>
internal enum PathKind
{
    /// <summary>The listing cannot tell: ask the file system.</summary>
    Unknown,

    /// <summary>Nothing is there (nor would a folder on the way let anything be).</summary>
    Missing,

    /// <summary>A file, or anything else that is not a folder, reached through no link.</summary>
    File,

    /// <summary>A folder reached through no link.</summary>
    Directory,
}
