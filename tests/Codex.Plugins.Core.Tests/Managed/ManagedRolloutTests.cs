using System.Collections;
using Codex.Plugins.Diagnostics;
using Codex.Plugins.Managed;
using Codex.Plugins.Managed.Rollout;

namespace Codex.Plugins.Tests.Managed;

public class ManagedRolloutTests
{
    private static readonly CodexManagedConfig Requirements = ManagedConfigDocument.FromText("requirements.toml", "allowed_approval_policies = [\"on-request\"]\n", "test");

    private static Hashtable Inspection(params Hashtable[] files) => new() { ["Files"] = files };

    [Fact]
    public void A_target_with_the_same_hash_is_up_to_date_and_one_with_other_text_gets_a_masked_diff()
    {
        var same = ManagedRollout.Plan(new[] { Requirements }, Inspection(new Hashtable { ["Name"] = "requirements.toml", ["Path"] = "/etc/codex/requirements.toml", ["Hash"] = Requirements.Hash }));
        Assert.Empty(same.Changed);
        CodexPublishResult upToDate = ManagedRollout.UpToDate("host1", new[] { Requirements });
        Assert.Equal(("Up to date", true), (upToDate.Status, upToDate.Verified));
        Assert.Equal(new[] { $"requirements.toml={Requirements.Hash}" }, upToDate.Hash);

        var other = ManagedRollout.Plan(new[] { Requirements }, Inspection(new Hashtable
        {
            ["Name"] = "requirements.toml", ["Path"] = "/etc/codex/requirements.toml", ["Hash"] = "old", ["Text"] = "token = \"ghp_0123456789abcdefghijABCDEFGHIJ012345\"\n",
        }));
        Assert.Equal(new[] { Requirements }, other.Changed);
        Assert.DoesNotContain("ghp_0123456789abcdefghijABCDEFGHIJ012345", other.Diff, StringComparison.Ordinal);
        Assert.StartsWith($"Install requirements.toml ({Requirements.Hash})\n", ManagedRollout.Describe(other.Changed, other.Diff), StringComparison.Ordinal);
        CodexPublishResult would = ManagedRollout.WouldPublish("host1", other.Changed, other.Diff);
        Assert.Equal(("Would publish", false), (would.Status, would.Verified));
        Assert.Equal(other.Diff, would.Diff);
    }

    [Fact]
    public void A_link_on_the_target_is_a_refusal()
    {
        var linked = ManagedRollout.Plan(new[] { Requirements }, Inspection(new Hashtable { ["Name"] = "requirements.toml", ["Path"] = "/etc/codex/requirements.toml", ["IsLink"] = true }));
        Assert.Equal(ErrorIds.ManagedTargetIsLink, linked.RefusalId);
    }

    [Fact]
    public void Bad_input_is_a_bad_argument_and_a_failed_target_says_what_to_do()
    {
        Assert.Equal(IssueKind.InvalidArgument, ManagedRollout.NothingToPublish().Kind);
        CodexIssue notAFile = ManagedRollout.NotAManagedFile("@{Name=x}");
        Assert.Equal((ErrorIds.ManagedPolicyValueInvalid, IssueKind.InvalidArgument, "@{Name=x}"), (notAFile.ErrorId, notAFile.Kind, notAFile.Target));
        Assert.Equal(new[] { "requirements.toml", "managed_config.toml" }, ManagedRollout.RollbackFiles().Select(f => f.Name));

        CodexIssue unreachable = ManagedRollout.FailureIssue(ManagedRollout.Failed("host2", ErrorIds.ManagedTargetUnreachable, "no route"));
        Assert.Equal(("host2", ErrorIds.ManagedTargetUnreachable, "host2: no route"), (unreachable.Target, unreachable.ErrorId, unreachable.Message));
        Assert.Contains("credentials", unreachable.RecommendedAction, StringComparison.Ordinal);
        Assert.Contains("previous files are in place", ManagedRollout.FailureIssue(ManagedRollout.Failed("h", ErrorIds.ManagedTransferFailed, "x")).RecommendedAction, StringComparison.Ordinal);
    }
}
