using Codex.Plugins.Diagnostics;
using Codex.Plugins.Findings;

namespace Codex.Plugins.Tests.Findings;

public class AuditRuleCatalogTests
{
    [Fact]
    public void An_unknown_rule_id_is_AuditRuleUnknown_with_the_close_rule_ids()
    {
        string known = AuditRuleCatalog.Rules.Keys.First();
        CodexIssue issue = AuditRuleCatalog.Unknown(known + "X");
        Assert.Equal((ErrorIds.AuditRuleUnknown, known + "X"), (issue.ErrorId, issue.Target));
        Assert.Contains(known, issue.Message, StringComparison.Ordinal);

        CodexIssue notFound = NameSuggestions.NotFound(ErrorIds.HookNotFound, "stpo", "No hook 'stpo'.", new[] { "stop", "start" }, "/f");
        Assert.Equal(("No hook 'stpo'. Did you mean: stop?", IssueKind.NotFound, "stpo", "/f"), (notFound.Message, notFound.Kind, notFound.Target, notFound.File));
    }
}
