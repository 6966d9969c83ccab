namespace Codex.Plugins.Diagnostics;

public static partial class ErrorIds
{
    // Finding and masking secrets (Find-CodexSecret, Protect-CodexData, Unprotect-CodexData, New-CodexSecretHook)

    /// <summary>The file or folder named by -Path is not there.</summary>
    public const string SecretPathNotFound = "SecretPathNotFound";

    /// <summary>The file could not be opened or read (permissions, a folder, I/O); nothing was written for it.</summary>
    public const string SecretFileUnreadable = "SecretFileUnreadable";

    /// <summary>The file holds binary data (NUL bytes); it was skipped, not scanned or masked.</summary>
    public const string SecretFileBinary = "SecretFileBinary";

    /// <summary>The file is larger than -MaxFileSize (or than a structured format can hold in memory); it was skipped.</summary>
    public const string SecretFileTooLarge = "SecretFileTooLarge";

    /// <summary>The file is not valid UTF-8; the invalid bytes were kept exactly as they were and the rest scanned.</summary>
    public const string SecretFileInvalidUtf8 = "SecretFileInvalidUtf8";

    /// <summary>The file does not parse in the format asked for (or masking would have broken it); nothing was written.</summary>
    public const string SecretFormatInvalid = "SecretFormatInvalid";

    /// <summary>Writing the masked copy failed; the destination is untouched (no half-written file).</summary>
    public const string SecretWriteFailed = "SecretWriteFailed";

    /// <summary>The mapping file cannot be read.</summary>
    public const string MaskMappingUnreadable = "MaskMappingUnreadable";

    /// <summary>The mapping file is not a placeholder mapping written by Protect-CodexData.</summary>
    public const string MaskMappingInvalid = "MaskMappingInvalid";

    /// <summary>The text holds placeholders the mapping does not know (another run's mapping); nothing was restored.</summary>
    public const string MaskMappingMismatch = "MaskMappingMismatch";

    /// <summary>-Key/-KeyPath gave no usable key (empty, unreadable).</summary>
    public const string MaskKeyInvalid = "MaskKeyInvalid";

    /// <summary>-Rule/-ExcludeRule names no detector.</summary>
    public const string SecretRuleUnknown = "SecretRuleUnknown";

    /// <summary>The baseline file is neither a list of fingerprints nor JSON with Fingerprint values.</summary>
    public const string SecretBaselineInvalid = "SecretBaselineInvalid";

    /// <summary>-Destination would overwrite the source, or exists and -Force was not given.</summary>
    public const string SecretDestinationInvalid = "SecretDestinationInvalid";
}
