using System.Management.Automation;
using Codex.Plugins.Diagnostics;
using Codex.Plugins.Managed;
using Codex.Plugins.Managed.Rollout;

namespace Codex.Plugins.Internal;

/// <summary>The managed files piped into Publish-CodexManagedConfig, live or deserialized after a job or remoting.</summary>
internal static class ManagedConfigInput
{
    /// <summary>
    /// The files to send: the piped ones, or for a rollback without input both files by name. Nothing to publish, or
    /// input that is not a managed file, is ManagedPolicyValueInvalid (thrown; a bad parameter).
    /// </summary>
    public static IReadOnlyList<CodexManagedConfig> Files(IReadOnlyList<PSObject> input, bool rollback)
    {
        IReadOnlyList<CodexManagedConfig> files = input.Select(Read).ToList();
        if (files.Count == 0 && !rollback)
        {
            throw new CodexIssueException(ManagedRollout.NothingToPublish());
        }

        return files.Count == 0 ? ManagedRollout.RollbackFiles() : files;
    }

    // Deserialized input is rebuilt from its text, so the hash is that of the bytes sent.
    private static CodexManagedConfig Read(PSObject item)
    {
        if (item.BaseObject is CodexManagedConfig file)
        {
            return file;
        }

        if (item.Properties["Name"]?.Value is not string name || item.Properties["Text"]?.Value is not string text)
        {
            throw new CodexIssueException(ManagedRollout.NotAManagedFile(item.ToString()));
        }

        return ManagedConfigDocument.FromText(name, text, item.Properties["Source"]?.Value as string ?? name);
    }
}
