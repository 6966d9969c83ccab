using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using Codex.Plugins.Configuration;
using Codex.Plugins.Configuration.Editing;
using Codex.Plugins.Diagnostics;

namespace Codex.Plugins.Managed;

/// <summary>Renders a <see cref="ManagedPolicy"/> as the two files Codex reads, and writes them through the atomic writer.</summary>
public static class ManagedConfigDocument
{
    public const string UnixFolder = "/etc/codex";
    public const string WindowsFolder = @"%ProgramData%\OpenAI\Codex";
    public const string WindowsManagedConfigFolder = @"%USERPROFILE%\.codex";

    /// <summary>requirements.toml and managed_config.toml; a file whose part of the policy is empty is left out.</summary>
    public static IReadOnlyList<CodexManagedConfig> Render(ManagedPolicy policy)
    {
        var files = new List<CodexManagedConfig>();
        if (policy.Requirements.Count > 0)
        {
            files.Add(Make(ManagedPolicyRules.RequirementsFileName, "Requirements",
                TomlDocumentWriter.Write(policy.Requirements, "Codex requirements: enforced on every launch. Written by New-CodexManagedConfig; edit the policy, not this file."),
                policy.Source, WindowsFolder));
        }

        if (policy.Defaults.Count > 0)
        {
            files.Add(Make(ManagedPolicyRules.ManagedConfigFileName, "ManagedConfig",
                TomlDocumentWriter.Write(policy.Defaults, "Codex managed defaults: re-applied on every launch. Written by New-CodexManagedConfig; edit the policy, not this file."),
                policy.Source, WindowsManagedConfigFolder));
        }

        return files;
    }

    /// <summary>An existing file (requirements.toml or managed_config.toml) as the same object, for previews and rollouts.</summary>
    public static CodexManagedConfig FromFile(string path)
    {
        string name = System.IO.Path.GetFileName(path);
        string kind = string.Equals(name, ManagedPolicyRules.ManagedConfigFileName, StringComparison.OrdinalIgnoreCase) ? "ManagedConfig" : "Requirements";
        string canonical = kind == "ManagedConfig" ? ManagedPolicyRules.ManagedConfigFileName : ManagedPolicyRules.RequirementsFileName;
        byte[] bytes = RegularFile.ReadAllBytes(path, limit: FileSizeLimit.ConfigToml);
        // Parsed here so a broken file is refused before it is previewed or shipped.
        TomlFileReader.Parse(bytes, path);
        return Make(canonical, kind, Encoding.UTF8.GetString(bytes), path, kind == "ManagedConfig" ? WindowsManagedConfigFolder : WindowsFolder);
    }

    /// <summary>A file given by name and text (e.g. New-CodexManagedConfig output that came back from remoting).</summary>
    public static CodexManagedConfig FromText(string name, string text, string source)
    {
        bool managed = string.Equals(name, ManagedPolicyRules.ManagedConfigFileName, StringComparison.OrdinalIgnoreCase);
        return Make(managed ? ManagedPolicyRules.ManagedConfigFileName : ManagedPolicyRules.RequirementsFileName, managed ? "ManagedConfig" : "Requirements",
            text, source, managed ? WindowsManagedConfigFolder : WindowsFolder);
    }

    /// <summary>Writes the files into a folder through the atomic writer (temp + rename, under the file's lock).</summary>
    public static IReadOnlyList<CodexManagedConfig> WriteTo(IEnumerable<CodexManagedConfig> files, string folder)
    {
        var written = new List<CodexManagedConfig>();
        Directory.CreateDirectory(folder);
        foreach (CodexManagedConfig file in files)
        {
            string target = System.IO.Path.Combine(folder, file.Name);
            using (ConfigFileLock.Acquire(target, TimeSpan.FromSeconds(10)))
            {
                AtomicFile.Write(target, Encoding.UTF8.GetBytes(file.Text), backup: false);
            }

            written.Add(new CodexManagedConfig
            {
                Name = file.Name, Kind = file.Kind, Text = file.Text, Hash = file.Hash, Length = file.Length, Path = file.Path,
                UnixPath = file.UnixPath, WindowsPath = file.WindowsPath, Source = file.Source, OutFile = target,
            });
        }

        return written;
    }

    public static string HashOf(byte[] bytes) => "sha256:" + Convert.ToHexString(SHA256.HashData(bytes)).ToLowerInvariant();

    private static CodexManagedConfig Make(string name, string kind, string text, string source, string windowsFolder)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(text);
        string unix = UnixFolder + "/" + name;
        string windows = windowsFolder + "\\" + name;
        string here = RuntimeInformation.IsOSPlatform(OSPlatform.Windows)
            ? Environment.ExpandEnvironmentVariables(windows)
            : unix;
        return new CodexManagedConfig
        {
            Name = name, Kind = kind, Text = text, Hash = HashOf(bytes), Length = bytes.Length, Path = here,
            UnixPath = unix, WindowsPath = windows, Source = source,
        };
    }
}
