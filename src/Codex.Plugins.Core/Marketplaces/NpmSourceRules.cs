using System.Globalization;
using System.Net;

namespace Codex.Plugins.Marketplaces;

/// <summary>
/// Which npm sources of a marketplace entry Codex lists, as codex 0.169.0 and 0.171.0 were seen to decide (the same in
/// both; tests/compat/Plugins.Compat.Tests.ps1 holds every case): values are trimmed first; a package is a name of
/// ASCII letters, digits, '-', '.' and '_' that does not start with '.' or '_', or @scope/name of the same characters;
/// a version (a version, range or dist-tag handed to npm pack) may not be empty, '.', '..' or carry ':', '/' or '\'
/// (which would make npm read it as a file, URL or git spec); a registry is an https URL without user, password,
/// query or fragment. An entry that breaks one is skipped, as Codex skips it.
/// </summary>
public static class NpmSourceRules
{
    /// <summary>Why Codex skips this package name, or null when it lists it.</summary>
    public static string? PackageProblem(string package)
    {
        if (package.StartsWith('@'))
        {
            string[] parts = package[1..].Split('/');
            return parts.Length == 2 && parts.All(p => p.Length > 0 && p.All(IsNameCharacter))
                ? null
                : $"the npm package '{package}' is not @scope/name";
        }

        if (package.Length == 0 || !package.All(IsNameCharacter))
        {
            return $"the npm package '{package}' may use only ASCII letters, digits, '-', '.' and '_'";
        }

        return package[0] is '.' or '_' ? $"the npm package '{package}' may not start with '{package[0]}'" : null;
    }

    /// <summary>Why Codex skips this version, or null when it lists it.</summary>
    public static string? VersionProblem(string version) =>
        version.Length == 0 || version is "." or ".." || version.IndexOfAny(new[] { ':', '/', '\\' }) >= 0
            ? $"the npm version '{version}' is not a version, range or tag (npm would read it as a path, URL or git spec)"
            : null;

    /// <summary>Why Codex skips this registry, or null when it lists it.</summary>
    public static string? RegistryProblem(string registry)
    {
        string problem = $"the npm registry '{registry}' is not an https URL without credentials, query or fragment";
        int colon = registry.IndexOf(':');
        if (colon <= 0 || !registry[..colon].Equals("https", StringComparison.OrdinalIgnoreCase))
        {
            return problem;
        }

        // As a WHATWG URL parser reads a special scheme: any run of slashes (either way) before the host.
        string rest = registry[(colon + 1)..].TrimStart('/', '\\');
        int end = rest.IndexOfAny(new[] { '/', '\\', '?', '#' });
        string authority = end < 0 ? rest : rest[..end];
        string tail = end < 0 ? string.Empty : rest[end..];
        if (tail.IndexOfAny(new[] { '?', '#' }) >= 0)
        {
            return problem;
        }

        int at = authority.LastIndexOf('@');
        if (at >= 0)
        {
            // An empty user and password is no credential: the parser drops them.
            if (authority[..at].Any(c => c != ':'))
            {
                return problem;
            }

            authority = authority[(at + 1)..];
        }

        return HostAndPortAreValid(authority) ? null : problem;
    }

    private static bool IsNameCharacter(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_';

    private static bool HostAndPortAreValid(string authority)
    {
        string host = authority, port = string.Empty;
        if (authority.StartsWith('['))
        {
            int close = authority.IndexOf(']');
            if (close < 0 || !IPAddress.TryParse(authority[1..close], out IPAddress? v6) || v6.AddressFamily != System.Net.Sockets.AddressFamily.InterNetworkV6)
            {
                return false;
            }

            host = authority[..(close + 1)];
            string after = authority[(close + 1)..];
            if (after.Length > 0 && after[0] != ':')
            {
                return false;
            }

            port = after.Length > 0 ? after[1..] : string.Empty;
        }
        else if (authority.LastIndexOf(':') is var portColon and >= 0)
        {
            host = authority[..portColon];
            port = authority[(portColon + 1)..];
        }

        if (port.Length > 0 && (!port.All(char.IsAsciiDigit) || !int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out int number) || number > 65535))
        {
            return false;
        }

        if (host.StartsWith('['))
        {
            return true;
        }

        string decoded = Uri.UnescapeDataString(host);
        if (decoded.Length == 0 || decoded.Any(c => char.IsControl(c) || " #%/:<>?@[\\]^|".Contains(c)))
        {
            return false;
        }

        if (decoded.All(char.IsAscii))
        {
            // A URL parser checks no hyphen rules (CheckHyphens=false); IdnMapping would refuse "-r.example".
            return true;
        }

        try
        {
            return new IdnMapping().GetAscii(decoded.TrimEnd('.')).Length > 0;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
