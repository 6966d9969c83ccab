namespace Codex.Plugins.Permissions;

/// <summary>
/// A [permissions.NAME.network.domains] key: <c>example.com</c> (exactly that host), <c>*.example.com</c>
/// (subdomains only), <c>**.example.com</c> (the apex and its subdomains), <c>*</c> (every host, allow only).
/// </summary>
public sealed class DomainPattern
{
    private DomainPattern(string text, string suffix, DomainPatternKind kind)
    {
        Text = text;
        Suffix = suffix;
        Kind = kind;
    }

    public string Text { get; }

    public string Suffix { get; }

    public DomainPatternKind Kind { get; }

    /// <summary>False when the pattern is not a host name or scoped wildcard: Codex loads it, but no host matches it.</summary>
    public bool IsUsable { get; private init; } = true;

    /// <summary>
    /// Parses a pattern; null with the reason when Codex would refuse it. The binary refuses only <c>*</c> in a deny
    /// list, with these words ("allowed exact hosts or scoped wildcards like *.example.com or **.example.com").
    /// </summary>
    public static DomainPattern? Parse(string text, bool isDeny, out string? error)
    {
        error = null;
        string normalized = NormalizeHost(text);
        string list = isDeny ? "network.denied_domains" : "network.allowed_domains";
        string Refuse() => $"network proxy constraints are invalid: invalid value for {list}: {text} (allowed exact hosts or scoped wildcards like *.example.com or **.example.com)";

        if (normalized == "*")
        {
            if (isDeny)
            {
                error = Refuse();
                return null;
            }

            return new DomainPattern(text, string.Empty, DomainPatternKind.Any);
        }

        DomainPatternKind kind = DomainPatternKind.Exact;
        string host = normalized;
        if (host.StartsWith("**.", StringComparison.Ordinal))
        {
            kind = DomainPatternKind.ApexAndSubdomains;
            host = host[3..];
        }
        else if (host.StartsWith("*.", StringComparison.Ordinal))
        {
            kind = DomainPatternKind.SubdomainsOnly;
            host = host[2..];
        }

        // Codex 0.169.0 accepts any other text here (checked: "bad domain", "exa*mple.com", "*.*.com" load); such a
        // pattern is kept, and IsUsable says that no host name can match it.
        return new DomainPattern(text, host, kind) { IsUsable = host.Length > 0 && !host.Contains('*') && IsHost(host) };
    }

    public bool Matches(string normalizedHost) => IsUsable && Kind switch
    {
        DomainPatternKind.Any => true,
        DomainPatternKind.Exact => normalizedHost == Suffix,
        DomainPatternKind.SubdomainsOnly => normalizedHost.EndsWith("." + Suffix, StringComparison.Ordinal),
        _ => normalizedHost == Suffix || normalizedHost.EndsWith("." + Suffix, StringComparison.Ordinal),
    };

    /// <summary>Codex's host normalisation: trim, lower case, drop a port and a trailing dot, unwrap [IPv6].</summary>
    public static string NormalizeHost(string host)
    {
        string h = host.Trim().ToLowerInvariant();
        if (h.StartsWith('[') && h.IndexOf(']') is int close and > 0)
        {
            return h[1..close];
        }

        int colon = h.LastIndexOf(':');
        if (colon > 0 && h.IndexOf(':') == colon && h[(colon + 1)..].All(char.IsAsciiDigit))
        {
            h = h[..colon];
        }

        return h.TrimEnd('.');
    }

    private static bool IsHost(string host) =>
        host.Split('.').All(label => label.Length > 0 && label.All(c => char.IsAsciiLetterOrDigit(c) || c == '-' || c == '_'))
        || System.Net.IPAddress.TryParse(host, out _);

    public override string ToString() => Text;
}
