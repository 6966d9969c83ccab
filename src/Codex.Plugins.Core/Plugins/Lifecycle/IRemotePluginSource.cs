using Codex.Plugins.Configuration;

namespace Codex.Plugins.Plugins.Lifecycle;

/// <summary>
/// A marketplace entry whose plugin must be fetched before it can be checked and copied into the cache: a git
/// repository (<see cref="PluginGitSource"/>) or an npm package (<see cref="PluginNpmSource"/>). Fetched into the
/// home's plugins/.marketplace-plugin-source-staging, where codex plugin add fetches, and deleted once copied.
/// </summary>
public interface IRemotePluginSource
{
    /// <summary>Fetches the plugin; the caller disposes the result, which deletes what was fetched.</summary>
    MaterializedPluginSource Materialize(CodexEnvironment environment, string pluginId);

    /// <summary>The fetch and copy in words, for -WhatIf and the confirmation.</summary>
    string Describe(string cacheDirectory);
}
