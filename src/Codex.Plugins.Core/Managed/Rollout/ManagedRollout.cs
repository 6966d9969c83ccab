using System.Collections;
using System.Reflection;
using Codex.Plugins.Configuration.Editing;
using Codex.Plugins.Diagnostics;
using Codex.Plugins.Masking;

namespace Codex.Plugins.Managed.Rollout;

/// <summary>
/// The rollout's decisions, independent of how targets are reached: the script each target runs, the file set sent
/// to it, what a target's inspection means (up to date, to change, refused), and a target's answer as a result.
/// The cmdlet only carries these over PowerShell remoting.
/// </summary>
public static class ManagedRollout
{
    private static readonly Lazy<string> ScriptText = new(() =>
    {
        using Stream stream = typeof(ManagedRollout).Assembly.GetManifestResourceStream("Codex.Plugins.Managed.Install-CodexManagedFile.ps1")
            ?? throw new InvalidOperationException("The rollout script is missing from the engine assembly.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });

    /// <summary>The self-contained script a target runs (PowerShell 7.4; no module needed there).</summary>
    public static string InstallerScript => ScriptText.Value;

    /// <summary>The files as the script's -Files argument.</summary>
    public static Hashtable[] FilesArgument(IEnumerable<CodexManagedConfig> files, bool withText) =>
        files.Select(f =>
        {
            var h = new Hashtable { ["Name"] = f.Name, ["Kind"] = f.Kind, ["Hash"] = f.Hash };
            if (withText)
            {
                h["Text"] = f.Text;
            }

            return h;
        }).ToArray();

    /// <summary>What an inspection says: the files that differ from the target's, and the masked diff of each.</summary>
    public static (List<CodexManagedConfig> Changed, string Diff, string? RefusalId, string? Refusal) Plan(IReadOnlyList<CodexManagedConfig> files, IDictionary inspection)
    {
        var changed = new List<CodexManagedConfig>();
        var diff = new List<string>();
        foreach (IDictionary found in Items(inspection["Files"]))
        {
            CodexManagedConfig? file = files.FirstOrDefault(f => f.Name == found["Name"] as string);
            if (file is null)
            {
                continue;
            }

            string path = found["Path"] as string ?? file.Name;
            if (found["IsLink"] is true)
            {
                return (changed, string.Empty, ErrorIds.ManagedTargetIsLink, $"{path} is a symbolic link; it is never followed or replaced. Nothing was changed.");
            }

            if (found["Hash"] as string == file.Hash)
            {
                continue;
            }

            changed.Add(file);
            string before = found["Text"] as string ?? string.Empty;
            diff.Add(SecretText.Mask(UnifiedDiff.Create(before, file.Text, path)));
        }

        return (changed, string.Join("\n", diff), null, null);
    }

    /// <summary>A target's answer (Apply or Rollback) as its result.</summary>
    public static CodexPublishResult Result(string computer, IDictionary answer, bool rollback, string? diff)
    {
        var files = Items(answer["Files"]).ToList();
        string? errorId = answer["ErrorId"] as string ?? files.Select(f => f["ErrorId"] as string).FirstOrDefault(e => e is not null);
        string? error = answer["Error"] as string ?? files.Select(f => f["Error"] as string).FirstOrDefault(e => e is not null);
        bool changed = files.Any(f => f["Changed"] is true);
        bool verified = errorId is null && files.Count > 0 && files.All(f => f["Verified"] is true);
        return new CodexPublishResult
        {
            ComputerName = computer,
            Changed = changed,
            Verified = verified,
            Status = errorId is not null ? "Failed" : rollback ? "Rolled back" : changed ? "Published" : "Up to date",
            Files = files.Select(f => f["Path"] as string ?? string.Empty).ToArray(),
            BackupPath = files.Select(f => f["BackupPath"] as string).OfType<string>().ToArray(),
            Hash = files.Where(f => f["Hash"] is string).Select(f => $"{f["Name"]}={f["Hash"]}").ToArray(),
            Error = error is null ? null : SecretText.Mask(error),
            ErrorId = errorId,
            Diff = diff,
        };
    }

    /// <summary>What -Rollback restores when no files are piped in: both managed files.</summary>
    public static IReadOnlyList<CodexManagedConfig> RollbackFiles() => new CodexManagedConfig[]
    {
        new() { Name = ManagedPolicyRules.RequirementsFileName, Kind = "Requirements" },
        new() { Name = ManagedPolicyRules.ManagedConfigFileName, Kind = "ManagedConfig" },
    };

    /// <summary>A publish without files (a bad call, so the cmdlet stops).</summary>
    public static CodexIssue NothingToPublish() => new(ErrorIds.ManagedPolicyValueInvalid, IssueKind.InvalidArgument,
        "Nothing to publish: pipe New-CodexManagedConfig output into Publish-CodexManagedConfig.", null, Target: "InputObject",
        RecommendedAction: "New-CodexManagedConfig ... | Publish-CodexManagedConfig -Session $s");

    /// <summary>Input that is not a managed file: neither a CodexManagedConfig nor an object with its Name and Text.</summary>
    public static CodexIssue NotAManagedFile(string shown) => new(ErrorIds.ManagedPolicyValueInvalid, IssueKind.InvalidArgument,
        $"The input is not a managed file (no Name and Text): '{shown}'.", null, Target: shown,
        RecommendedAction: "Pipe New-CodexManagedConfig output into Publish-CodexManagedConfig.");

    /// <summary>The install of <paramref name="changed"/> on one target in words, with its diff, for -WhatIf and the confirmation.</summary>
    public static string Describe(IReadOnlyList<CodexManagedConfig> changed, string diff) =>
        $"Install {string.Join(", ", changed.Select(f => $"{f.Name} ({f.Hash})"))}\n{diff}";

    /// <summary>A target whose files already have the hashes sent: nothing is written there.</summary>
    public static CodexPublishResult UpToDate(string computer, IReadOnlyList<CodexManagedConfig> files) => new()
    {
        ComputerName = computer,
        Verified = true,
        Status = "Up to date",
        Files = files.Select(f => f.Name).ToArray(),
        Hash = files.Select(f => $"{f.Name}={f.Hash}").ToArray(),
    };

    /// <summary>A target -WhatIf stopped before its files were written, with the diff it would get.</summary>
    public static CodexPublishResult WouldPublish(string computer, IReadOnlyList<CodexManagedConfig> changed, string diff) => new()
    {
        ComputerName = computer,
        Status = "Would publish",
        Files = changed.Select(f => f.Name).ToArray(),
        Diff = diff,
    };

    /// <summary>A failed target's result as the error written beside it, with what to do about it.</summary>
    public static CodexIssue FailureIssue(CodexPublishResult failed) => new(failed.ErrorId!, IssueKind.ReadError, $"{failed.ComputerName}: {failed.Error}", null,
        Target: failed.ComputerName,
        RecommendedAction: failed.ErrorId switch
        {
            ErrorIds.ManagedTargetUnreachable => "Check the host name, the network and the credentials; the other targets were published.",
            ErrorIds.ManagedRestoreFailed => "Copy the named backup over the file on that target by hand, then find out what rewrites files in that folder.",
            ErrorIds.ManagedVerificationFailed => "Something on that target changes the file after it is written (an agent, a filter, a failing disk): find it, then publish again; the previous files are in place.",
            _ => "Fix the target and publish again; the previous files are in place.",
        });

    /// <summary>A target that could not be reached, or failed before answering.</summary>
    public static CodexPublishResult Failed(string computer, string errorId, string message) => new()
    {
        ComputerName = computer,
        Status = "Failed",
        Error = SecretText.Mask(message),
        ErrorId = errorId,
    };

    private static IEnumerable<IDictionary> Items(object? value) =>
        Unwrap(value) is IEnumerable list and not string and not IDictionary ? list.Cast<object?>().Select(Unwrap).OfType<IDictionary>() : Enumerable.Empty<IDictionary>();

    // Hashtables come back from remoting as Hashtable (possibly inside a wrapper that exposes BaseObject).
    private static object? Unwrap(object? value) =>
        value?.GetType().GetProperty("BaseObject", BindingFlags.Public | BindingFlags.Instance)?.GetValue(value) ?? value;
}
