namespace Codex.Plugins.Plugins.Lifecycle;

/// <summary>A fetched plugin source: its folder, and the staging folder to delete when done.</summary>
public sealed class MaterializedPluginSource : IDisposable
{
    private readonly string staging;

    internal MaterializedPluginSource(string root, string staging)
    {
        Root = root;
        this.staging = staging;
    }

    public string Root { get; }

    public void Dispose() => PluginFolder.DeleteQuietly(staging);
}
