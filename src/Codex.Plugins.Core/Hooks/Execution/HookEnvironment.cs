using System.Collections;

namespace Codex.Plugins.Hooks.Execution;

/// <summary>
/// The environment a hook under test runs with. By default, what Codex started from a clean login would hand it: the
/// login basics (PATH, HOME, USER, SHELL, locale, terminal, temp folder), Codex's own variables (CODEX_*), and what the
/// hook's configuration names (its plugin's variables); nothing else of the caller's shell, so an administrator's
/// DATABASE_URL, cloud keys or tokens never reach an untrusted hook. <see cref="HookEnvironmentOptions.Add"/> adds
/// variables; <see cref="HookEnvironmentOptions.PassAll"/> passes the caller's whole environment.
/// </summary>
public static class HookEnvironment
{
    private static readonly string[] LoginVariables =
    {
        "PATH", "HOME", "USER", "LOGNAME", "SHELL", "LANG", "LANGUAGE", "TERM", "TMPDIR", "TZ", "COLORTERM", "NO_COLOR",
        "XDG_RUNTIME_DIR", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME",
        // Windows: what a process needs to start at all, and the profile folders.
        "SYSTEMROOT", "SYSTEMDRIVE", "WINDIR", "COMSPEC", "PATHEXT", "TEMP", "TMP", "USERPROFILE", "USERNAME",
        "HOMEDRIVE", "HOMEPATH", "APPDATA", "LOCALAPPDATA", "PROGRAMDATA", "PROGRAMFILES",
    };

    /// <summary>The variables for one hook: the baseline (or everything), then the hook's own, then the additions.</summary>
    public static IReadOnlyDictionary<string, string> For(IReadOnlyDictionary<string, string> hookVariables, HookEnvironmentOptions options, IDictionary? current = null)
    {
        current ??= Environment.GetEnvironmentVariables();
        var comparer = OperatingSystem.IsWindows() ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;
        var result = new Dictionary<string, string>(comparer);
        var login = new HashSet<string>(LoginVariables, StringComparer.OrdinalIgnoreCase);
        foreach (DictionaryEntry entry in current)
        {
            if (entry.Key is not string name || entry.Value is not string value)
            {
                continue;
            }

            bool keep = options.PassAll
                || (OperatingSystem.IsWindows() ? login.Contains(name) : Array.IndexOf(LoginVariables, name) >= 0)
                || name.StartsWith("LC_", StringComparison.Ordinal)
                || name.StartsWith("CODEX_", StringComparison.Ordinal);
            if (keep)
            {
                result[name] = value;
            }
        }

        foreach (var (name, value) in hookVariables)
        {
            result[name] = value;
        }

        foreach (var (name, value) in options.Add)
        {
            result[name] = value;
        }

        return result;
    }
}
