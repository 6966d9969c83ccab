using System.Diagnostics.CodeAnalysis;
using Codex.Plugins.Internal;

namespace Codex.Plugins.Commands;

/// <summary>
/// What every cmdlet of the module shares: how the engine's issues become PowerShell warnings and errors (masked,
/// with the module's one category rule), and how a path parameter becomes a file-system path.
/// </summary>
public abstract class CodexCmdlet : PSCmdlet
{
    private readonly CancellationTokenSource stopping = new();

    /// <summary>A warning for <see cref="IssueKind.Warning"/>, otherwise a non-terminating error.</summary>
    protected void WriteIssue(CodexIssue issue)
    {
        if (issue.Kind == IssueKind.Warning)
        {
            WriteWarning(Masking.SecretText.Mask(issue.ToString()));
            return;
        }

        WriteError(ErrorRecordFactory.Create(issue));
    }

    /// <summary>Each issue, in order, as <see cref="WriteIssue"/> writes it.</summary>
    protected void WriteIssues(IEnumerable<CodexIssue> issues)
    {
        foreach (CodexIssue issue in issues)
        {
            WriteIssue(issue);
        }
    }

    /// <summary>Stops the command: for bad parameters only, so the category is always InvalidArgument.</summary>
    [DoesNotReturn]
    protected void ThrowIssue(CodexIssue issue)
    {
        ThrowTerminatingError(ErrorRecordFactory.Create(issue, ErrorCategory.InvalidArgument));
        throw new CodexIssueException(issue); // not reached: ThrowTerminatingError always throws
    }

    /// <summary>What <paramref name="read"/> makes of the parameters; an issue it throws is a bad parameter and stops the command.</summary>
    protected T FromParameters<T>(Func<T> read)
    {
        try
        {
            return read();
        }
        catch (CodexIssueException ex)
        {
            ThrowIssue(ex.Issue);
            throw;
        }
    }

    /// <summary>Checks the parameters with <paramref name="check"/>; an issue it throws is a bad parameter and stops the command.</summary>
    protected void CheckParameters(Action check) => FromParameters(() =>
    {
        check();
        return true;
    });

    /// <summary>
    /// One item's work: an issue it throws is written as a non-terminating error (with <paramref name="target"/> as its
    /// target when given) and false returned, and the next item goes on.
    /// </summary>
    protected bool TryItem(Action work, string? target = null)
    {
        try
        {
            work();
            return true;
        }
        catch (CodexIssueException ex)
        {
            WriteIssue(target is null ? ex.Issue : ex.Issue with { Target = target });
            return false;
        }
    }

    /// <summary>
    /// Shows <paramref name="status"/> under <paramref name="activity"/> until disposed, then marks the activity
    /// completed; nothing at all when <paramref name="show"/> is false.
    /// </summary>
    protected IDisposable ShowProgress(string activity, string status, bool show = true, string? currentOperation = null, int percent = -1)
    {
        var record = new ProgressRecord(1, activity, status) { CurrentOperation = currentOperation, PercentComplete = percent };
        if (!show)
        {
            return new ProgressScope(() => { });
        }

        WriteProgress(record);
        return new ProgressScope(() => WriteProgress(new ProgressRecord(1, activity, "Done") { RecordType = ProgressRecordType.Completed }));
    }

    /// <summary>Whether <paramref name="parameter"/> was given on the command line or bound from the pipeline.</summary>
    protected bool IsBound(string parameter) => MyInvocation.BoundParameters.ContainsKey(parameter);

    /// <summary>A value parameter's value when it was given, else null (its default is not a choice the user made).</summary>
    protected T? GivenOrNull<T>(string parameter, T value) where T : struct => IsBound(parameter) ? value : null;

    /// <summary>What <paramref name="work"/> returns, with progress shown while it runs (see <see cref="ShowProgress"/>).</summary>
    protected T WithProgress<T>(string activity, string status, bool show, Func<T> work)
    {
        using (ShowProgress(activity, status, show))
        {
            return work();
        }
    }

    /// <summary>Cancelled when the user stops the command (Ctrl+C): long work passes it on and ends early.</summary>
    protected CancellationToken StopToken => stopping.Token;

    protected override void StopProcessing() => stopping.Cancel();

    /// <summary>The Codex environment of a -CodexHome and -ProjectPath as typed (null: $env:CODEX_HOME or ~/.codex, and the current location).</summary>
    protected CodexEnvironment EnvironmentOf(string? codexHome, string? projectPath, string? systemConfigPath = null, string? profile = null) =>
        CodexEnvironment.FromProcess(ProviderPath(codexHome), ProviderPath(projectPath) ?? CurrentLocation, ProviderPath(systemConfigPath), profile);

    /// <summary>
    /// A path parameter as a file-system path, relative ones against the current location; null stays null. An
    /// absolute file-system path skips PowerShell's drive lookup (see <see cref="FileSystemPath"/>): a cmdlet resolves
    /// its paths per pipeline record.
    /// </summary>
    [return: NotNullIfNotNull(nameof(path))]
    protected string? ProviderPath(string? path) => path is null ? null : FileSystemPath.Unresolved(this, path);

    /// <summary>
    /// The current location when the command first needed it, kept for the rest of its run: PowerShell looks the
    /// location's drive up on every read (on Linux a read of /proc/self/mountinfo), once per pipeline record otherwise.
    /// </summary>
    private string CurrentLocation => currentLocation ??= SessionState.Path.CurrentFileSystemLocation.ProviderPath;

    private string? currentLocation;
}
