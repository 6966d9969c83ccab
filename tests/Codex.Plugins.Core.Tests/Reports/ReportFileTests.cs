using Codex.Plugins.Diagnostics;
using Codex.Plugins.Reports;
using Codex.Plugins.Tests.Support;

namespace Codex.Plugins.Tests.Reports;

public class ReportFileTests
{
    [Fact]
    public void An_existing_report_file_is_refused_as_a_bad_argument_and_a_missing_one_is_not()
    {
        using var t = new TempTree();
        string path = t.Write("reports/audit.json", "{}");
        CodexIssue refused = ReportFile.RefuseExisting(path)!;
        Assert.Equal((ErrorIds.ReportFileExists, IssueKind.InvalidArgument, path), (refused.ErrorId, refused.Kind, refused.Target));
        Assert.Null(ReportFile.RefuseExisting(Path.Combine(t.Root, "reports", "new.json")));
    }

    [Fact]
    public void A_report_is_written_whole_into_a_new_folder_and_a_place_it_cannot_go_is_ReportWriteFailed()
    {
        using var t = new TempTree();
        string path = Path.Combine(t.Root, "new", "folder", "audit.md");
        ReportFile.Write(path, "# audit\n");
        Assert.Equal("# audit\n", File.ReadAllText(path));

        var failed = Assert.Throws<CodexIssueException>(() => ReportFile.Write(Path.Combine(t.Write("a-file", "x"), "audit.md"), "# audit\n"));
        Assert.Equal(ErrorIds.ReportWriteFailed, failed.Issue.ErrorId);
        Assert.Contains("could not be written", failed.Issue.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("markdown", "audit.json", ReportFormat.Markdown)]
    [InlineData(null, "audit.SARIF", ReportFormat.Sarif)]
    [InlineData(null, "audit.htm", ReportFormat.Html)]
    [InlineData(null, "audit.txt", ReportFormat.Json)]
    [InlineData(null, null, ReportFormat.Json)]
    public void The_format_named_wins_then_the_extension_then_json(string? format, string? path, ReportFormat expected) =>
        Assert.Equal(expected, ReportFile.FormatFor(format, path));
}
