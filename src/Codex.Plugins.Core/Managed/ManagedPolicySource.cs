using System.Collections;
using Codex.Plugins.Diagnostics;

namespace Codex.Plugins.Managed;

/// <summary>
/// Where a policy table came from (a hashtable, or a .psd1 file) and the table itself; a file that could not be read
/// as one table carries its issue instead, so nothing is made from it.
/// </summary>
public sealed record ManagedPolicySource(IDictionary? Table, string Source, CodexIssue? Issue)
{
    /// <summary>No table: the policy is New-CodexManagedConfig's parameters alone.</summary>
    public static ManagedPolicySource Parameters { get; } = new(null, "parameters", null);

    public static ManagedPolicySource FromTable(IDictionary table) => new(table, "policy table", null);

    public static ManagedPolicySource FromFile(string path, IDictionary table) => new(table, path, null);

    /// <summary>A policy file that is not one PowerShell data table (<paramref name="why"/>: the reader's reason, or null when it holds something else).</summary>
    public static ManagedPolicySource Unreadable(string path, string? why) => new(null, path, new CodexIssue(ErrorIds.ManagedPolicyFileInvalid, IssueKind.InvalidData,
        why is null ? $"The policy file {path} does not hold a hashtable." : $"The policy file {path} cannot be read: {why}", path, Target: path,
        RecommendedAction: "Give a .psd1 file holding one hashtable: @{ Requirements = @{...}; ManagedConfig = @{...} }."));
}
