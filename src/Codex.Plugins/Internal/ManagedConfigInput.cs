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

    /// <summary>
    /// A file to preview in Test-CodexCompliance, by name and text: New-CodexManagedConfig output (live or
    /// deserialized), or the path of a requirements.toml or managed_config.toml (through <paramref name="resolvePath"/>);
    /// a file that cannot be read is ManagedPolicyFileInvalid (thrown; a bad parameter).
    /// </summary>
    public static (string Name, string Text) Preview(PSObject item, Func<string, string> resolvePath)
    {
        if (item.BaseObject is CodexManagedConfig file)
        {
            return (file.Name, file.Text);
        }

        if (item.Properties["Text"]?.Value is string text && item.Properties["Name"]?.Value is string name)
        {
            return (name, text);
        }

        string path = resolvePath(item.BaseObject.ToString()!);
        try
        {
            CodexManagedConfig read = ManagedConfigDocument.FromFile(path);
            return (read.Name, read.Text);
        }
        catch (CodexIssueException ex)
        {
            throw new CodexIssueException(ex.Issue with { ErrorId = ErrorIds.ManagedPolicyFileInvalid }, ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CodexIssueException(new CodexIssue(ErrorIds.ManagedPolicyFileInvalid, IssueKind.ReadError, $"{path} cannot be read: {ex.Message}", path, Target: path,
                RecommendedAction: "Give the path of a requirements.toml or managed_config.toml, or New-CodexManagedConfig output."), ex);
        }
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
