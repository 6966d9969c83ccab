using Codex.Plugins.Diagnostics;

namespace Codex.Plugins.Configuration.Editing;

/// <summary>The errors of the atomic writer, each with its stable id and the file at fault.</summary>
internal static class WriteErrors
{
    internal static CodexIssueException ReadOnly(string path, string reason) =>
        new(new CodexIssue(ErrorIds.ConfigReadOnly, IssueKind.ReadError,
            $"{path} cannot be changed: {reason}. Nothing was written.", path, Target: path,
            RecommendedAction: "Make the file and its folder writable (chmod u+w, or clear the read-only attribute) if it should be changed, or write to another scope."));

    internal static CodexIssueException WriteFailed(string path, Exception ex) =>
        new(new CodexIssue(ErrorIds.ConfigWriteFailed, IssueKind.ReadError,
            $"Writing {path} failed: {ex.Message} The original file is unchanged.", path, Target: path,
            RecommendedAction: "Check that this account may create files in the folder and that the disk has room."), ex);

    internal static CodexIssueException BackupFailed(string path, string backup, string why, Exception? inner) =>
        new(new CodexIssue(ErrorIds.ConfigBackupFailed, IssueKind.ReadError,
            $"The backup {backup} could not be written ({why}); {path} was not changed.", path, Target: path,
            RecommendedAction: "Free disk space or remove old backups beside the file, or run the command without -Backup."), inner);
}
