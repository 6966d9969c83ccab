namespace Codex.Plugins.Configuration.Editing;

/// <summary>What lstat/fstat say about one file system entry.</summary>
internal readonly record struct UnixFileInfo(int Mode, uint Uid, uint Gid, long Size, long Device, long Inode, long MTime, long MTimeNsec, long CTime, long CTimeNsec)
{
    private const int TypeMask = 0xF000;

    public bool IsLink => (Mode & TypeMask) == 0xA000;

    public bool IsRegularFile => (Mode & TypeMask) == 0x8000;

    public bool IsDirectory => (Mode & TypeMask) == 0x4000;

    /// <summary>The permission bits (rwx for owner, group, others, plus setuid/setgid/sticky).</summary>
    public int Permissions => Mode & 0xFFF;

    /// <summary>
    /// The permissions a new version of the file is given: rwx for owner, group and others, without setuid, setgid or
    /// sticky, as a write by anyone but root clears them (root's writes would otherwise keep them).
    /// </summary>
    public int PermissionsForNewVersion => Mode & 0x1FF;

    public bool SameEntry(UnixFileInfo other) => Device == other.Device && Inode == other.Inode;

    /// <summary>
    /// The same file, and nothing written to it since: size and modification time as the kernel keeps them (not the
    /// change time, which a rename of the file itself moves).
    /// </summary>
    public bool Unchanged(UnixFileInfo other) =>
        SameEntry(other) && Size == other.Size && MTime == other.MTime && MTimeNsec == other.MTimeNsec;
}
