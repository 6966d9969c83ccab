namespace Codex.Plugins.Configuration;

/// <summary>
/// File.Exists, Directory.Exists and Path.Exists for readers that probe where a plugin's parts may be (skill roots,
/// agents/openai.yaml, hooks/hooks.json, .mcp.json, manifests above a skill). Inside an <see cref="Answer"/> scope the
/// probes of this thread are answered from a listing made moments before (Test-CodexPlugin's walk of the plugin folder)
/// where it can tell, and by the file system otherwise: checking the synthetic marketplace's 1,800 small plugins spent
/// about a fifth of its time in such probes, nearly all of them of paths the walk had just listed.
/// </summary>
internal static class PathProbe
{
    [ThreadStatic]
    private static Func<string, PathKind>? listing;

    /// <summary>Until disposed, this thread's probes ask <paramref name="lookup"/> first. A scope inside another is the outer one.</summary>
    public static IDisposable Answer(Func<string, PathKind> lookup)
    {
        if (listing is not null)
        {
            return NoScope.Instance;
        }

        listing = lookup;
        return new Scope();
    }

    public static bool FileExists(string path) => Lookup(path) switch
    {
        PathKind.File => true,
        PathKind.Missing or PathKind.Directory => false,
        _ => File.Exists(path),
    };

    public static bool DirectoryExists(string path) => Lookup(path) switch
    {
        PathKind.Directory => true,
        PathKind.Missing or PathKind.File => false,
        _ => Directory.Exists(path),
    };

    public static bool Exists(string path) => Lookup(path) switch
    {
        PathKind.File or PathKind.Directory => true,
        PathKind.Missing => false,
        _ => Path.Exists(path),
    };

    private static PathKind Lookup(string path) => listing is { } lookup && !string.IsNullOrEmpty(path) ? lookup(path) : PathKind.Unknown;

    private sealed class Scope : IDisposable
    {
        public void Dispose() => listing = null;
    }

    private sealed class NoScope : IDisposable
    {
        public static readonly NoScope Instance = new();

        public void Dispose()
        {
        }
    }
}
