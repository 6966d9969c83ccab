using Codex.Plugins.Diagnostics;
using Codex.Plugins.Managed;
using Codex.Plugins.Tests.Support;

namespace Codex.Plugins.Tests.Managed;

public class CompliancePreviewTests
{
    [Fact]
    public void Each_previewed_file_replaces_the_machines_file_of_its_name_and_the_other_stays()
    {
        using var t = new TempTree();
        var environment = t.Environment();
        Assert.Null(ComplianceEvaluator.Preview(Array.Empty<(string, string)>(), environment));

        var managedOnly = ComplianceEvaluator.Preview(new[] { ("Managed_Config.toml", "approval_policy = \"on-request\"\n") }, environment)!;
        Assert.Null(managedOnly.Requirements);
        Assert.NotNull(managedOnly.ManagedConfig);

        var requirementsOnly = ComplianceEvaluator.Preview(new[] { ("requirements.toml", "allowed_sandbox_modes = [\"read-only\"]\n") }, environment)!;
        Assert.NotNull(requirementsOnly.Requirements);
        Assert.Null(requirementsOnly.ManagedConfig);
    }

    [Fact]
    public void A_previewed_file_that_does_not_parse_is_ManagedPolicyFileInvalid()
    {
        using var t = new TempTree();
        var broken = Assert.Throws<CodexIssueException>(() => ComplianceEvaluator.Preview(new[] { ("requirements.toml", "allowed_sandbox_modes = [\n") }, t.Environment()));
        Assert.Equal(ErrorIds.ManagedPolicyFileInvalid, broken.Issue.ErrorId);
    }
}
