using Codex.Plugins.Configuration;
using Codex.Plugins.Diagnostics;

namespace Codex.Plugins.Plugins.Lifecycle;

/// <summary>
/// A marketplace entry whose plugin is an npm package, fetched the way codex plugin add fetches it: `npm pack
/// --ignore-scripts` (no package script runs; and no project .npmrc above the staging folder is read) of
/// package[@version] into a folder of
/// $CODEX_HOME/plugins/.marketplace-plugin-source-staging, against the entry's registry or npm's configured one
/// (.npmrc, npm_config_registry); exactly one .tgz of at most 50 MiB, unpacked as <see cref="PluginArchive"/> says
/// (at most 250 MiB); its package/ folder is the plugin, and its package.json must name the package asked for.
/// </summary>
public sealed record PluginNpmSource(string Package, string? Version, string? Registry) : IRemotePluginSource
{
    private const long MaxArchiveBytes = 50L * 1024 * 1024;
    private const long MaxUnpackedBytes = 250L * 1024 * 1024;

    /// <summary>package or package@version, as npm pack is given it.</summary>
    public string Spec => Version is null ? Package : $"{Package}@{Version}";

    public string Describe(string cacheDirectory) => $"fetch {this} with npm pack and copy the plugin to {Path.Combine(cacheDirectory, "<its version>")}";

    public override string ToString() => $"npm package {Spec} from {Registry ?? "npm's configured registry"}";

    public MaterializedPluginSource Materialize(CodexEnvironment environment, string pluginId)
    {
        string staging = Path.Combine(environment.CodexHome, "plugins", ".marketplace-plugin-source-staging", $"marketplace-plugin-source-{Guid.NewGuid():N}");
        try
        {
            Directory.CreateDirectory(staging);
            // --prefix: npm takes the nearest folder above its working folder that holds a package.json as the
            // project and reads that project's .npmrc (registry, proxy, git, ...). Above the staging folder are the
            // Codex home and the user's home, which their owner writes; an admin installing as root must not run npm
            // with the owner's npm settings, so the project is the fresh staging folder itself.
            var arguments = new List<string> { "pack", "--ignore-scripts", "--prefix", staging, "--pack-destination", staging };
            if (Registry is not null)
            {
                arguments.AddRange(new[] { "--registry", Registry });
            }

            arguments.AddRange(new[] { "--", Spec });
            PluginSourceCommand.Run(OperatingSystem.IsWindows() ? "npm.cmd" : "npm", arguments, staging, new Dictionary<string, string>(), (message, inner) => FetchFailed(pluginId, message, inner));

            string[] archives = new DirectoryInfo(staging).GetFiles("*.tgz").Where(f => f.LinkTarget is null).Select(f => f.FullName).ToArray();
            if (archives.Length != 1)
            {
                throw Refused(pluginId, $"npm pack left {archives.Length} package archives; expected exactly one");
            }

            long size = new FileInfo(archives[0]).Length;
            if (size > MaxArchiveBytes)
            {
                throw Refused(pluginId, $"the npm package archive is {size} bytes, more than the {MaxArchiveBytes} bytes codex accepts");
            }

            string extracted = Path.Combine(staging, "extracted");
            try
            {
                PluginArchive.Unpack(archives[0], extracted, MaxUnpackedBytes);
            }
            catch (InvalidDataException ex)
            {
                throw Refused(pluginId, ex.Message);
            }

            string root = Path.Combine(extracted, "package");
            if (!Directory.Exists(root))
            {
                throw Refused(pluginId, "the npm package has no package/ folder");
            }

            (string? name, string? problem) = PackageName(root);
            if (problem is not null)
            {
                throw Refused(pluginId, problem);
            }

            if (name != Package)
            {
                throw Refused(pluginId, $"the npm package's name '{name}' is not the package asked for, '{Package}'");
            }

            return new MaterializedPluginSource(root, staging);
        }
        catch
        {
            PluginFolder.DeleteQuietly(staging);
            throw;
        }
    }

    private static (string? Name, string? Problem) PackageName(string root)
    {
        // The module's one JSON reader: it refuses what is not an object, a link, a FIFO, bad UTF-8, with a reason.
        try
        {
            return JsonFileReader.Read(Path.Combine(root, "package.json"), ErrorIds.PluginRefused, FileSizeLimit.PluginJson).String("name") is { } name
                ? (name, null)
                : (null, "the npm package's package.json has no string name");
        }
        catch (CodexIssueException ex)
        {
            return (null, $"the npm package's package.json cannot be read: {ex.Issue.Message}");
        }
    }

    private CodexIssueException FetchFailed(string pluginId, string message, Exception? inner) =>
        new(new CodexIssue(ErrorIds.PluginSourceFetchFailed, IssueKind.ReadError,
            $"Fetching {pluginId} ({Masking.SecretText.Mask(ToString())}) failed: {message}", Registry is null ? Package : Masking.SecretText.Mask(Registry), Target: pluginId,
            RecommendedAction: "Check that this machine reaches the registry with npm (npm view PACKAGE), as codex plugin add would."), inner);

    private CodexIssueException Refused(string pluginId, string reason) =>
        new(new CodexIssue(ErrorIds.PluginRefused, IssueKind.InvalidData,
            $"codex plugin add refuses {pluginId}: {reason} ({Masking.SecretText.Mask(ToString())}).", Registry is null ? Package : Masking.SecretText.Mask(Registry), Target: pluginId,
            RecommendedAction: "Ask the package's publisher for a package laid out as a plugin (package/.codex-plugin/plugin.json, no links)."));
}
