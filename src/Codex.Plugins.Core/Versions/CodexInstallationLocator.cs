using System.Runtime.InteropServices;
using System.Text.Json;
using Codex.Plugins.Configuration;

namespace Codex.Plugins.Versions;

/// <summary>
/// Finds which Codex a machine runs without running it: the codex command (given, or the first on PATH) resolved
/// through its links to the npm package that installed it, and the cli_version of the newest rollout in the home.
/// </summary>
public static class CodexInstallationLocator
{
    // A rollout's first line (session_meta) carries the base instructions; cli_version comes before them.
    private const int MaxMetaBytes = 1 << 20;

    /// <summary>
    /// The installation and the version the module answers for: <paramref name="requested"/> when given, else the
    /// codex command's package, else the newest rollout, else the newest checked release.
    /// </summary>
    public static CodexInstallation Find(CodexEnvironment environment, string? codexPath = null, Version? requested = null, string? pathVariable = null)
    {
        string? command = codexPath ?? FindOnPath(pathVariable ?? Environment.GetEnvironmentVariable("PATH"));
        string? resolved = command is null ? null : Resolve(command);
        (string? packagePath, Version? binaryVersion) = resolved is null ? (null, null) : FindPackage(resolved);
        if (packagePath is null && command is not null)
        {
            // npm's shims are not links: codex.cmd on Windows sits beside node_modules, a copied bin/codex under lib/.
            string folder = Path.GetDirectoryName(command)!;
            foreach (string candidate in new[] { Path.Combine(folder, "node_modules", "@openai", "codex", "bin", "codex.js"), Path.Combine(folder, "..", "lib", "node_modules", "@openai", "codex", "bin", "codex.js") })
            {
                if (File.Exists(candidate) && FindPackage(Path.GetFullPath(candidate)) is ({ } found, { } shimVersion))
                {
                    (packagePath, binaryVersion) = (found, shimVersion);
                    break;
                }
            }
        }
        (string? rolloutPath, Version? rolloutVersion) = NewestRollout(environment.CodexHome);

        (Version version, string source) = requested is not null ? (CodexReleases.Normalize(requested), "Parameter")
            : binaryVersion is not null ? (binaryVersion, "Binary")
            : rolloutVersion is not null ? (rolloutVersion, "Rollout")
            : (CodexReleases.Newest, "Default");
        Version behavesAs = BehavesAs(version);
        bool isChecked = CodexReleases.IsChecked(version);

        var notes = new List<string>();
        if (!isChecked)
        {
            notes.Add($"Codex {version} was not checked by this module (checked: {string.Join(", ", CodexReleases.Checked)}); it is read as {behavesAs}.");
        }

        if (source == "Default")
        {
            notes.Add($"No codex command with an npm package and no rollout were found; the module assumes the newest checked release, {version}.");
        }

        if (rolloutVersion is not null && rolloutVersion != version)
        {
            notes.Add($"The newest session in this home was written by Codex {rolloutVersion}.");
        }

        return new CodexInstallation
        {
            Version = version.ToString(3),
            VersionSource = source,
            Checked = isChecked,
            BehavesAs = behavesAs.ToString(3),
            CodexPath = command,
            ResolvedPath = resolved,
            PackagePath = packagePath,
            BinaryVersion = binaryVersion?.ToString(3),
            RolloutPath = rolloutPath,
            RolloutVersion = rolloutVersion?.ToString(3),
            CheckedVersions = CodexReleases.Checked.Select(v => v.ToString(3)).ToArray(),
            Note = notes.Count == 0 ? null : string.Join(' ', notes),
            CodexHome = environment.CodexHome,
        };
    }

    /// <summary>The checked release whose behaviour a version gets: the newest checked one not after it, else the oldest.</summary>
    public static Version BehavesAs(Version version)
    {
        Version chosen = CodexReleases.Checked[0];
        foreach (Version v in CodexReleases.Checked)
        {
            if (v <= version)
            {
                chosen = v;
            }
        }

        return chosen;
    }

    /// <summary>The first codex command on a PATH (codex.cmd, codex.exe or codex.ps1 on Windows).</summary>
    public static string? FindOnPath(string? pathVariable)
    {
        if (string.IsNullOrEmpty(pathVariable))
        {
            return null;
        }

        string[] names = RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? new[] { "codex.cmd", "codex.exe", "codex.ps1" } : new[] { "codex" };
        foreach (string folder in pathVariable.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (string name in names)
            {
                try
                {
                    string candidate = Path.Combine(folder, name);
                    if (File.Exists(candidate))
                    {
                        return Path.GetFullPath(candidate);
                    }
                }
                catch (ArgumentException)
                {
                    // A PATH entry with characters no path may hold: the shell skips it too.
                }
            }
        }

        return null;
    }

    private static string Resolve(string command)
    {
        try
        {
            FileSystemInfo? target = File.ResolveLinkTarget(command, returnFinalTarget: true);
            return target is null ? command : Path.GetFullPath(target.FullName);
        }
        catch (IOException)
        {
            return command;
        }
        catch (UnauthorizedAccessException)
        {
            return command;
        }
    }

    /// <summary>
    /// The npm package that installed a codex command: bin/codex.js of @openai/codex (any alias), or the platform
    /// package's vendor binary (@openai/codex-linux-x64, version "0.171.0-linux-x64").
    /// </summary>
    private static (string? Path, Version? Version) FindPackage(string resolved)
    {
        string? folder = Path.GetDirectoryName(resolved);
        for (int depth = 0; folder is not null && depth < 6; depth++, folder = Path.GetDirectoryName(folder))
        {
            string manifest = Path.Combine(folder, "package.json");
            if (!File.Exists(manifest))
            {
                continue;
            }

            try
            {
                using JsonDocument doc = JsonDocument.Parse(Configuration.RegularFile.ReadAllBytes(manifest, limit: Configuration.FileSizeLimit.NpmPackageJson));
                JsonElement root = doc.RootElement;
                if (root.ValueKind == JsonValueKind.Object
                    && root.TryGetProperty("name", out JsonElement name) && name.ValueKind == JsonValueKind.String
                    && name.GetString() is { } packageName && packageName.StartsWith("@openai/codex", StringComparison.Ordinal)
                    && root.TryGetProperty("version", out JsonElement version) && version.ValueKind == JsonValueKind.String
                    && CodexReleases.Parse(version.GetString()) is { } parsed)
                {
                    return (manifest, parsed);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
            {
                // Not the package's manifest, or not readable: keep looking up.
            }

            return (null, null);
        }

        return (null, null);
    }

    /// <summary>The newest rollout under sessions/YYYY/MM/DD and the cli_version its session_meta line records.</summary>
    public static (string? Path, Version? Version) NewestRollout(string codexHome)
    {
        string sessions = Path.Combine(codexHome, "sessions");
        try
        {
            foreach (string year in NewestFirst(Directory.EnumerateDirectories(sessions)))
            {
                foreach (string month in NewestFirst(Directory.EnumerateDirectories(year)))
                {
                    foreach (string day in NewestFirst(Directory.EnumerateDirectories(month)))
                    {
                        foreach (string file in NewestFirst(Directory.EnumerateFiles(day, "rollout-*.jsonl")))
                        {
                            if (ReadCliVersion(file) is { } version)
                            {
                                return (file, version);
                            }
                        }
                    }
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // No sessions folder, or one we may not list: no rollout to go by.
        }

        return (null, null);
    }

    // Folder and file names sort by time (YYYY, MM, DD, rollout-<ISO time>-<id>).
    private static IEnumerable<string> NewestFirst(IEnumerable<string> paths) =>
        paths.OrderByDescending(p => Path.GetFileName(p), StringComparer.Ordinal);

    private static Version? ReadCliVersion(string file)
    {
        byte[] buffer;
        try
        {
            using FileStream stream = Configuration.RegularFile.OpenRead(file);
            buffer = new byte[(int)Math.Min(stream.Length, MaxMetaBytes)];
            stream.ReadExactly(buffer);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        int end = Array.IndexOf(buffer, (byte)'\n');
        var reader = new Utf8JsonReader(end < 0 ? buffer : buffer.AsSpan(0, end), isFinalBlock: end >= 0, state: default);
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 2 && reader.ValueTextEquals("cli_version"u8))
                {
                    return reader.Read() && reader.TokenType == JsonTokenType.String ? CodexReleases.Parse(reader.GetString()) : null;
                }
            }
        }
        catch (JsonException)
        {
            // A torn or foreign first line: this rollout tells no version.
        }

        return null;
    }
}
