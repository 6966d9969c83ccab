namespace Codex.Plugins.Permissions;

/// <summary>A network domain entry after extends and layers: the pattern, allow or deny, and where it was written.</summary>
internal sealed record DomainRule(DomainPattern Pattern, bool Deny, string DefinedBy, string? File, int? Line, string Rule);
