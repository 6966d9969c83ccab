namespace Codex.Plugins.Configuration.Editing;

/// <summary>How <see cref="ConfigEdit.Commit"/> writes.</summary>
public sealed class ConfigEditOptions
{
    /// <summary>When the file changed since it was read: re-read it and apply the same steps again (else ConfigChangedOnDisk).</summary>
    public bool Force { get; init; }

    /// <summary>Keep the previous version beside the file as FILE.bak.</summary>
    public bool Backup { get; init; }

    /// <summary>How long to wait for another writer's lock.</summary>
    public TimeSpan LockTimeout { get; init; } = TimeSpan.FromSeconds(10);
}
