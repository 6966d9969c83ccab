using Codex.Plugins.Diagnostics;

namespace Codex.Plugins.Permissions;

/// <summary>A profile's network settings as Codex applies them: enabled, domain rules, unix sockets.</summary>
internal static class NetworkRules
{
    public static void Apply(ResolvedPermissionProfile result, ProfileEntries entries)
    {
        result.NetworkEnabled = entries.NetworkEnabled;
        result.NetworkEnabledSource = entries.NetworkEnabledSource;
        foreach (var (pattern, (access, definedBy, file, line, column)) in entries.Domains)
        {
            bool deny = access == "deny";
            if (access is not ("allow" or "deny"))
            {
                result.Error = new CodexIssue(ErrorIds.PermissionDomainInvalid, IssueKind.InvalidData,
                    $"unknown variant `{access}`, expected `allow` or `deny`", file, line, column, pattern);
                return;
            }

            if (DomainPattern.Parse(pattern, deny, out string? error) is not { } parsed)
            {
                result.Error = new CodexIssue(ErrorIds.PermissionDomainInvalid, IssueKind.InvalidData, error!, file, line, column, pattern,
                    "Use an exact host (api.example.com), *.example.com (subdomains), **.example.com (apex and subdomains), or * (allow only).");
                return;
            }

            if (!parsed.IsUsable)
            {
                result.Warnings.Add(new CodexIssue(ErrorIds.PermissionDomainInvalid, IssueKind.Warning,
                    $"The domain pattern `{pattern}` in [permissions.{definedBy}.network.domains] is not a host name or scoped wildcard; Codex loads it, but no host matches it.",
                    file, line, column, pattern, "Use an exact host, *.example.com, **.example.com, or * (allow only)."));
            }

            result.Domains.Add(new DomainRule(parsed, deny, definedBy, file, line, $"\"{pattern}\" = \"{access}\" in [permissions.{definedBy}.network.domains]"));
        }

        foreach (var (path, (access, definedBy, file, line)) in entries.Sockets)
        {
            // 0.169.0 takes allow or deny here; "none" (in older code and docs) stops the load with these words.
            if (access is not ("allow" or "deny"))
            {
                result.Error = new CodexIssue(ErrorIds.PermissionAccessInvalid, IssueKind.InvalidData,
                    $"unknown variant `{access}`, expected `allow` or `deny`", file, line, Target: path,
                    RecommendedAction: $"Write \"{path}\" = \"allow\" or \"deny\" in [permissions.{definedBy}.network.unix_sockets].");
                return;
            }

            result.UnixSockets.Add((path, access, file, line, definedBy));
        }
    }
}
