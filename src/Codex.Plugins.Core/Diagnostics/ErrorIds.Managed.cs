namespace Codex.Plugins.Diagnostics;

public static partial class ErrorIds
{
    // Managed configuration: authoring (New-CodexManagedConfig), compliance and rollout (Publish-CodexManagedConfig)

    /// <summary>A policy names a key Codex does not read in requirements.toml or managed_config.toml.</summary>
    public const string ManagedPolicyKeyUnknown = "ManagedPolicyKeyUnknown";

    /// <summary>A policy value Codex refuses (an unknown mode, an empty allowlist, a relative path, ...).</summary>
    public const string ManagedPolicyValueInvalid = "ManagedPolicyValueInvalid";

    /// <summary>The policy contradicts itself: a managed default that its own requirements forbid.</summary>
    public const string ManagedPolicyContradiction = "ManagedPolicyContradiction";

    /// <summary>A policy file (.psd1) or a requirements file given to preview cannot be read.</summary>
    public const string ManagedPolicyFileInvalid = "ManagedPolicyFileInvalid";

    /// <summary>A rollout target could not be reached (no session, connection refused, unknown host).</summary>
    public const string ManagedTargetUnreachable = "ManagedTargetUnreachable";

    /// <summary>The file on the target is a symbolic link: it is never followed or replaced.</summary>
    public const string ManagedTargetIsLink = "ManagedTargetIsLink";

    /// <summary>The target file or folder is read-only or not writable by the remote account.</summary>
    public const string ManagedTargetReadOnly = "ManagedTargetReadOnly";

    /// <summary>Another publisher holds the target folder's lock.</summary>
    public const string ManagedTargetLocked = "ManagedTargetLocked";

    /// <summary>The transfer or the write on the target failed; the previous file is in place.</summary>
    public const string ManagedTransferFailed = "ManagedTransferFailed";

    /// <summary>The file read back on the target does not have the hash sent; the previous file was restored.</summary>
    public const string ManagedVerificationFailed = "ManagedVerificationFailed";

    /// <summary>A failed verification was followed by a restore that did not read back as the old bytes either; the backup is named.</summary>
    public const string ManagedRestoreFailed = "ManagedRestoreFailed";

    /// <summary>-Rollback found no backup to restore on the target.</summary>
    public const string ManagedBackupNotFound = "ManagedBackupNotFound";
}
