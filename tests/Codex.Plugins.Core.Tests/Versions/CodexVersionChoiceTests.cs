using Codex.Plugins.Diagnostics;
using Codex.Plugins.Tests.Support;
using Codex.Plugins.Versions;

namespace Codex.Plugins.Tests.Versions;

public class CodexVersionChoiceTests
{
    [Fact]
    public void A_what_if_version_is_answered_with_the_rules_of_its_release_and_an_unchecked_one_warns()
    {
        using var t = new TempTree();
        var choice = new CodexVersionChoice("0.170.0", null);

        CodexInstallation codex = choice.For(t.Environment(), out bool isNew);
        Assert.True(isNew);
        Assert.Equal(new Version(0, 169, 0), CodexVersionChoice.RulesOf(codex));
        Assert.Equal(ErrorIds.CodexVersionNotChecked, Assert.Single(CodexVersionChoice.Warnings(codex)).ErrorId);
        Assert.Empty(CodexVersionChoice.Warnings(new CodexVersionChoice("0.171.0", null).For(t.Environment(), out _)));

        Assert.Same(codex, choice.For(t.Environment(profile: "work"), out bool again));
        Assert.False(again);
    }

    [Fact]
    public void Text_that_is_no_version_and_a_codex_path_that_names_no_file_are_refused()
    {
        using var t = new TempTree();
        Assert.Equal(ErrorIds.CodexVersionInvalid, Assert.Throws<CodexIssueException>(() => new CodexVersionChoice("latest", null)).Issue.ErrorId);
        var missing = Assert.Throws<CodexIssueException>(() => new CodexVersionChoice(null, Path.Combine(t.Root, "bin", "codex")));
        Assert.Equal((ErrorIds.CodexPathNotFound, IssueKind.NotFound), (missing.Issue.ErrorId, missing.Issue.Kind));
    }
}
