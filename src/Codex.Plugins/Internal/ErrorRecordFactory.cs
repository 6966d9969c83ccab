namespace Codex.Plugins.Commands;

/// <summary>Engine issues as ErrorRecords: stable id, category, target, and the file at fault in the message.</summary>
internal static class ErrorRecordFactory
{
    /// <param name="category">The category to use instead of the issue kind's: terminating errors are about parameters, so InvalidArgument.</param>
    public static ErrorRecord Create(CodexIssue issue, ErrorCategory? category = null)
    {
        // Messages quote what they read (a line of a file, a command, a URL): the masking engine sees them first.
        issue = issue with { Message = Masking.SecretText.Mask(issue.Message), RecommendedAction = issue.RecommendedAction is null ? null : Masking.SecretText.Mask(issue.RecommendedAction) };
        var exception = new CodexIssueException(issue);
        category ??= issue.Kind switch
        {
            IssueKind.InvalidArgument => ErrorCategory.InvalidArgument,
            IssueKind.NotFound => ErrorCategory.ObjectNotFound,
            IssueKind.ReadError => ErrorCategory.ReadError,
            _ => ErrorCategory.InvalidData,
        };
        var record = new ErrorRecord(exception, issue.ErrorId, category.Value, issue.Target ?? issue.File)
        {
            ErrorDetails = new ErrorDetails(issue.ToString()),
        };
        if (issue.RecommendedAction is not null)
        {
            record.ErrorDetails.RecommendedAction = issue.RecommendedAction;
        }

        if (issue.File is not null)
        {
            record.CategoryInfo.TargetName = issue.File;
        }

        return record;
    }
}
