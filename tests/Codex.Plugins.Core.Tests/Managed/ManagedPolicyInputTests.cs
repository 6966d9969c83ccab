using System.Collections;
using Codex.Plugins.Diagnostics;
using Codex.Plugins.Managed;

namespace Codex.Plugins.Tests.Managed;

public class ManagedPolicyInputTests
{
    [Fact]
    public void A_policy_renders_its_files_and_parameters_win_over_the_table()
    {
        var input = new ManagedPolicyInput
        {
            Policy = new Hashtable { ["Requirements"] = new Hashtable { ["allowed_approval_policies"] = new[] { "never" } } },
            Source = "policy table",
            AllowedApprovalPolicies = new[] { "on-request" },
        };

        IReadOnlyList<CodexManagedConfig> files = input.Render(out IReadOnlyList<CodexIssue> issues);

        Assert.Empty(issues);
        CodexManagedConfig requirements = Assert.Single(files);
        Assert.Equal("requirements.toml", requirements.Name);
        Assert.Contains("\"on-request\"", requirements.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("\"never\"", requirements.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_section_or_an_empty_policy_makes_nothing_and_says_why()
    {
        var unknown = new ManagedPolicyInput { Policy = new Hashtable { ["Requirement"] = new Hashtable() }, Source = "p.psd1", AllowedApprovalPolicies = new[] { "never" } };
        Assert.Empty(unknown.Render(out IReadOnlyList<CodexIssue> unknownIssues));
        CodexIssue section = Assert.Single(unknownIssues);
        Assert.Equal((ErrorIds.ManagedPolicyKeyUnknown, "Requirement", "p.psd1"), (section.ErrorId, section.Target, section.File));

        Assert.Empty(new ManagedPolicyInput().Render(out IReadOnlyList<CodexIssue> emptyIssues));
        Assert.Equal(ErrorIds.ManagedPolicyValueInvalid, Assert.Single(emptyIssues).ErrorId);
    }

    [Fact]
    public void A_policy_file_that_is_not_one_table_carries_its_issue()
    {
        Assert.Null(ManagedPolicySource.Parameters.Issue);
        Assert.Equal("policy table", ManagedPolicySource.FromTable(new Hashtable()).Source);
        ManagedPolicySource bad = ManagedPolicySource.Unreadable("/p.psd1", "line 1: not data");
        Assert.Equal((ErrorIds.ManagedPolicyFileInvalid, "/p.psd1"), (bad.Issue?.ErrorId, bad.Issue?.File));
        Assert.Contains("not data", bad.Issue?.Message, StringComparison.Ordinal);
        Assert.Contains("does not hold a hashtable", ManagedPolicySource.Unreadable("/p.psd1", null).Issue?.Message, StringComparison.Ordinal);
    }
}
