using System.Management.Automation;
using System.Text;
using System.Text.RegularExpressions;
using Codex.Plugins.Diagnostics;
using Codex.Plugins.Masking.Detection;

namespace Codex.Plugins.Commands;

/// <summary>
/// What the masking cmdlets share: which detectors run (-Rule, -ExcludeRule, -Category), what is allowed through
/// (-AllowPattern, and inline <c>codex-secret:allow</c> comments), and the key for tags and fingerprints (-Key, -KeyPath).
/// </summary>
public abstract class MaskingCommandBase : PSCmdlet
{
    /// <summary>Run only these detectors (ids such as github-pat, or kinds such as EMAIL). Tab completes.</summary>
    [Parameter]
    [ArgumentCompleter(typeof(SecretRuleCompleter))]
    [ValidateNotNullOrEmpty]
    public string[]? Rule { get; set; }

    /// <summary>Never run these detectors (ids or kinds). Tab completes.</summary>
    [Parameter]
    [ArgumentCompleter(typeof(SecretRuleCompleter))]
    [ValidateNotNullOrEmpty]
    public string[]? ExcludeRule { get; set; }

    /// <summary>Regular expressions: a secret matching one is let through (a published test key, a team's public id).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? AllowPattern { get; set; }

    /// <summary>A key for the HMAC tags and fingerprints, so the same secret gets the same tag across runs and machines.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Key { get; set; }

    /// <summary>A file whose bytes are the key (instead of -Key, which shows in the command history).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? KeyPath { get; set; }

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

    /// <summary>Stops the command: for bad parameters only, so the category is always InvalidArgument.</summary>
    protected void ThrowIssue(CodexIssue issue) => ThrowTerminatingError(ErrorRecordFactory.Create(issue, ErrorCategory.InvalidArgument));

    /// <summary>The categories that run when -Rule is not given.</summary>
    protected abstract IReadOnlyList<DetectorCategory> DefaultCategories { get; }

    /// <summary>Secret, PersonalData or both; default depends on the cmdlet.</summary>
    protected string[]? CategoryNames { get; set; }

    protected SecretScanOptions BuildScanOptions()
    {
        foreach (string name in (Rule ?? Array.Empty<string>()).Concat(ExcludeRule ?? Array.Empty<string>()))
        {
            bool known = DetectorCatalog.All.Any(d => d.Id.Equals(name, StringComparison.OrdinalIgnoreCase) || d.Kind.Equals(name, StringComparison.OrdinalIgnoreCase))
                || name.Equals(KeyStoreDetector.Id, StringComparison.OrdinalIgnoreCase) || name.Equals(KeyStoreDetector.Kind, StringComparison.OrdinalIgnoreCase);
            if (!known)
            {
                ThrowIssue(new CodexIssue(ErrorIds.SecretRuleUnknown, IssueKind.InvalidData, $"No detector is named '{name}'.", null, Target: name,
                    RecommendedAction: $"Use a detector id or kind; Tab completes them (for example {string.Join(", ", DetectorCatalog.All.Take(4).Select(d => d.Id))})."));
            }
        }

        var allow = new List<Regex>();
        foreach (string pattern in AllowPattern ?? Array.Empty<string>())
        {
            try
            {
                allow.Add(new Regex(pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)));
            }
            catch (ArgumentException ex)
            {
                ThrowIssue(new CodexIssue(ErrorIds.SecretRuleUnknown, IssueKind.InvalidData, $"-AllowPattern '{pattern}' is not a regular expression: {ex.Message}", null, Target: pattern));
            }
        }

        return new SecretScanOptions
        {
            Rules = Rule ?? Array.Empty<string>(),
            ExcludeRules = ExcludeRule ?? Array.Empty<string>(),
            AllowPatterns = allow,
            Categories = CategoryNames is { Length: > 0 } ? CategoryNames.Select(c => Enum.Parse<DetectorCategory>(c, ignoreCase: true)).ToArray() : DefaultCategories,
        };
    }

    protected byte[]? ReadKey()
    {
        if (Key is not null)
        {
            return Encoding.UTF8.GetBytes(Key);
        }

        if (KeyPath is null)
        {
            return null;
        }

        string path = GetUnresolvedProviderPathFromPSPath(KeyPath);
        try
        {
            byte[] bytes = File.ReadAllBytes(path);
            if (bytes.Length == 0)
            {
                ThrowIssue(new CodexIssue(ErrorIds.MaskKeyInvalid, IssueKind.InvalidData, "The key file is empty.", path));
            }

            return bytes;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            ThrowIssue(new CodexIssue(ErrorIds.MaskKeyInvalid, IssueKind.ReadError, $"The key file cannot be read: {ex.Message}", path));
            return null;
        }
    }
}

/// <summary>Tab completion of detector ids (and kinds) for -Rule and -ExcludeRule.</summary>
public sealed class SecretRuleCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        System.Management.Automation.Language.CommandAst commandAst, System.Collections.IDictionary fakeBoundParameters)
    {
        string prefix = wordToComplete.Trim('\'', '"');
        return SecretRuleNames.All()
            .Where(n => n.Name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            .Select(n => new CompletionResult(n.Name, n.Name, CompletionResultType.ParameterValue, n.Tip));
    }
}
