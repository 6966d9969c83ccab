using System.Runtime.InteropServices;

namespace Codex.Plugins.Configuration;

/// <summary>
/// Where Codex keeps things on one machine. Every root is injectable, so tests and remote callers never read the
/// real home by accident; <see cref="FromProcess"/> fills what was not given the way Codex does. A value: two
/// environments with the same (normalised) roots and profile are the same environment.
/// </summary>
public sealed record CodexEnvironment
{
    public CodexEnvironment(string codexHome, string userHome, string systemConfigDirectory, string projectPath, string? profile = null, bool codexHomeIsExplicit = true)
    {
        CodexHomeIsExplicit = codexHomeIsExplicit;
        CodexHome = Path.GetFullPath(codexHome);
        UserHome = Path.GetFullPath(userHome);
        SystemConfigDirectory = Path.GetFullPath(systemConfigDirectory);
        ProjectPath = Path.GetFullPath(projectPath);
        Profile = string.IsNullOrWhiteSpace(profile) ? null : profile;
    }

    /// <summary>$CODEX_HOME, else ~/.codex.</summary>
    public string CodexHome { get; }

    /// <summary>
    /// Whether the Codex home was named (a parameter or $CODEX_HOME) rather than the ~/.codex default: codex refuses a
    /// named home that does not exist, and creates the default one.
    /// </summary>
    public bool CodexHomeIsExplicit { get; }

    /// <summary>The user's home folder (for ~/.agents and ~ in paths).</summary>
    public string UserHome { get; }

    /// <summary>/etc/codex on Unix, %ProgramData%\OpenAI\Codex on Windows.</summary>
    public string SystemConfigDirectory { get; }

    /// <summary>The folder Codex would be started in (its cwd).</summary>
    public string ProjectPath { get; }

    /// <summary>The config profile selected with -p/--profile, if any.</summary>
    public string? Profile { get; }

    public string UserConfigPath => Path.Combine(CodexHome, "config.toml");

    public string SystemConfigPath => Path.Combine(SystemConfigDirectory, "config.toml");

    public string RequirementsPath => Path.Combine(SystemConfigDirectory, "requirements.toml");

    /// <summary>managed_config.toml: beside the system config on Unix, in the Codex home elsewhere.</summary>
    public string ManagedConfigPath => RuntimeInformation.IsOSPlatform(OSPlatform.Windows)
        ? Path.Combine(CodexHome, "managed_config.toml")
        : Path.Combine(SystemConfigDirectory, "managed_config.toml");

    public string ProfileConfigPath(string profile) => Path.Combine(CodexHome, profile + ".config.toml");

    public CodexEnvironment WithProfile(string? profile) => new(CodexHome, UserHome, SystemConfigDirectory, ProjectPath, profile, CodexHomeIsExplicit);

    /// <summary>The default system configuration folder for this platform.</summary>
    public static string DefaultSystemConfigDirectory()
    {
        if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
        {
            string programData = Environment.GetFolderPath(Environment.SpecialFolder.CommonApplicationData);
            return Path.Combine(programData, "OpenAI", "Codex");
        }

        return "/etc/codex";
    }

    /// <summary>
    /// Fills the roots not given from the process: CODEX_HOME (else ~/.codex), the user's home, the platform's system
    /// folder and the current directory.
    /// </summary>
    public static CodexEnvironment FromProcess(string? codexHome = null, string? projectPath = null, string? systemConfigDirectory = null, string? profile = null, string? userHome = null)
    {
        string home = userHome ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        string? envHome = Environment.GetEnvironmentVariable("CODEX_HOME");
        string codex = codexHome ?? (string.IsNullOrEmpty(envHome) ? Path.Combine(home, ".codex") : envHome);
        return new CodexEnvironment(
            codex,
            home,
            systemConfigDirectory ?? DefaultSystemConfigDirectory(),
            projectPath ?? Directory.GetCurrentDirectory(),
            profile,
            codexHome is not null || !string.IsNullOrEmpty(envHome));
    }
}
