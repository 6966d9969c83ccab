namespace Codex.Plugins.Internal;

/// <summary>
/// A cmdlet's path argument as a file-system path, without a trip through PowerShell's drive table where none is
/// needed. PowerShell resolves every path, an absolute one too, by looking its drive up, and on Linux that lookup
/// reads /proc/self/mountinfo each time (about 0.3 ms; strace shows one read per call). A cmdlet resolving a path per
/// pipeline record paid it per record: 1,800 plugin folders piped into Test-CodexPlugin spent most of their time there.
/// </summary>
internal static class FileSystemPath
{
    /// <summary>
    /// What <see cref="PSCmdlet.GetUnresolvedProviderPathFromPSPath"/> returns for <paramref name="path"/>. A path that
    /// is already fully qualified on this file system (no drive or provider name to look up, not a UNC path) is only
    /// normalised, as PowerShell normalises it; anything else (relative, ~, a drive or provider path) goes to PowerShell.
    /// </summary>
    public static string Unresolved(PSCmdlet cmdlet, string path) =>
        IsPlainAbsolute(path) ? Path.GetFullPath(path) : cmdlet.GetUnresolvedProviderPathFromPSPath(path);

    private static bool IsPlainAbsolute(string path) =>
        Path.IsPathFullyQualified(path)
        && !path.Contains("::", StringComparison.Ordinal)
        && !(path.Length > 1 && IsSeparator(path[0]) && IsSeparator(path[1]));

    private static bool IsSeparator(char c) => c == Path.DirectorySeparatorChar || c == Path.AltDirectorySeparatorChar;
}
