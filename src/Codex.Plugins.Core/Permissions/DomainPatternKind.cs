namespace Codex.Plugins.Permissions;

public enum DomainPatternKind
{
    Exact,
    SubdomainsOnly,
    ApexAndSubdomains,
    Any,
}
