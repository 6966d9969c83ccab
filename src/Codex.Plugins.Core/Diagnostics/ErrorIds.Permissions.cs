namespace Codex.Plugins.Diagnostics;

public static partial class ErrorIds
{
    // Permission profiles: the messages follow Codex 0.169.0's own words (see tests/compat/Permissions.Compat.Tests.ps1).
    public const string PermissionProfileNotFound = "PermissionProfileNotFound";
    public const string PermissionProfileCycle = "PermissionProfileCycle";
    public const string PermissionProfileUnknownParent = "PermissionProfileUnknownParent";
    public const string PermissionProfileUnsupportedParent = "PermissionProfileUnsupportedParent";
    public const string PermissionPathNotAbsolute = "PermissionPathNotAbsolute";
    public const string PermissionAccessInvalid = "PermissionAccessInvalid";
    public const string PermissionDomainInvalid = "PermissionDomainInvalid";
    public const string PermissionSpecialPathUnknown = "PermissionSpecialPathUnknown";
    public const string PermissionProfileNotAllowed = "PermissionProfileNotAllowed";
    public const string PermissionSandboxCannotStart = "PermissionSandboxCannotStart";
    public const string SuppressionInvalid = "SuppressionInvalid";
}
