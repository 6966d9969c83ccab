using Codex.Plugins.Masking;
using Codex.Plugins.Masking.Detection;

namespace Codex.Plugins.Commands;

/// <summary>
/// What the masking cmdlets share: which detectors run (-Rule, -ExcludeRule, -Category), what is allowed through
/// (-AllowPattern, and inline <c>codex-secret:allow</c> comments), and the key for tags and fingerprints (-Key, -KeyPath).
/// </summary>
public abstract class MaskingCommandBase : CodexCmdlet
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

    /// <summary>The categories that run when -Rule is not given.</summary>
    protected abstract IReadOnlyList<DetectorCategory> DefaultCategories { get; }

    /// <summary>Secret, PersonalData or both; default depends on the cmdlet.</summary>
    protected string[]? CategoryNames { get; set; }

    protected SecretScanOptions BuildScanOptions() =>
        FromParameters(() => MaskingParameters.ScanOptions(Rule, ExcludeRule, AllowPattern, CategoryNames, DefaultCategories));

    protected byte[]? ReadKey() => FromParameters(() => MaskingParameters.Key(Key, ProviderPath(KeyPath)));
}
