using System.IO.Enumeration;
using System.Runtime.CompilerServices;
using Codex.Plugins.Configuration;
using Codex.Plugins.Diagnostics;
using Codex.Plugins.Masking.Detection;
using Codex.Plugins.Masking.Operators;
using Codex.Plugins.Masking.Streaming;

namespace Codex.Plugins.Masking;

/// <summary>
/// Finds secrets in files, folders and strings: files stream through <see cref="StreamingSecretScanner"/> (so size does
/// not matter to memory), binary files are skipped with their reason (a PKCS#12 key store among them is itself a
/// finding), unreadable ones are one error each, and the walk goes on.
/// </summary>
public sealed class SecretSearch
{
    private static readonly string[] SkippedFolders = { ".git", ".hg", ".svn" };
    private readonly SecretSearchOptions _options;
    private readonly SecretScanner _scanner;
    private readonly SecretMasker _preview;

    public SecretSearch(SecretSearchOptions options)
    {
        _options = options;
        _scanner = new SecretScanner(options.Scan);
        _preview = new SecretMasker(MaskMode.Tag, options.Key);
    }

    public SecretScanner Scanner => _scanner;

    /// <summary>A file, or every file under a folder (recursively), in a stable order.</summary>
    public void SearchPath(string path, Action<CodexSecretFinding> onFinding, Action<CodexIssue> onIssue, CancellationToken cancel = default)
    {
        string full = Path.GetFullPath(path);
        if (File.Exists(full))
        {
            SearchFile(full, onFinding, onIssue, cancel);
            return;
        }

        if (!Directory.Exists(full))
        {
            onIssue(new CodexIssue(ErrorIds.SecretPathNotFound, IssueKind.NotFound, $"No file or folder at {full}.", full));
            return;
        }

        // Files are scanned on up to one thread per core while their results are handed back in file order, on the
        // caller's thread (a cmdlet may only write from there), which scans the oldest file itself when no other thread
        // has started it. A small file's results wait in memory until its turn; a large one is scanned from the caller's
        // thread, streaming (its windows on the other cores), once those before it are out, so memory stays bounded.
        var inFlight = new Queue<ClaimableJob<List<object>>>();
        void EmitOldest()
        {
            foreach (object result in inFlight.Dequeue().Join())
            {
                if (result is CodexSecretFinding finding)
                {
                    onFinding(finding);
                }
                else
                {
                    onIssue((CodexIssue)result);
                }
            }
        }

        try
        {
            foreach (string file in EnumerateFiles(full, onIssue))
            {
                cancel.ThrowIfCancellationRequested();
                if (Parallelism <= 1 || !IsSmallFile(file))
                {
                    while (inFlight.Count > 0)
                    {
                        EmitOldest();
                    }

                    SearchFile(file, onFinding, onIssue, cancel);
                    continue;
                }

                var job = new ClaimableJob<List<object>>(() =>
                {
                    var results = new List<object>();
                    SearchFile(file, results.Add, results.Add, cancel);
                    return results;
                });
                job.Offer();
                inFlight.Enqueue(job);
                while (inFlight.Count > Parallelism)
                {
                    EmitOldest();
                }
            }

            while (inFlight.Count > 0)
            {
                EmitOldest();
            }
        }
        finally
        {
            // Stopped early (a pipeline stopped, an exception): scans not started never will be, those running are waited for.
            while (inFlight.Count > 0)
            {
                inFlight.Dequeue().Abandon();
            }
        }
    }

    /// <summary>Files scanned at once when a folder is searched: one per core, at most four.</summary>
    private static readonly int Parallelism = Math.Clamp(Environment.ProcessorCount, 1, 4);

    /// <summary>Files up to this size are scanned on another thread, their findings held until their turn.</summary>
    private const long ParallelFileLimit = 8L << 20;

    private static bool IsSmallFile(string file)
    {
        try
        {
            return new FileInfo(file).Length <= ParallelFileLimit;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>Files under a folder that pass -Include/-Exclude; unreadable folders are one issue each.</summary>
    public IEnumerable<string> EnumerateFiles(string folder, Action<CodexIssue> onIssue)
    {
        var pending = new Stack<string>();
        pending.Push(folder);
        while (pending.Count > 0)
        {
            string current = pending.Pop();
            string[] files, folders;
            try
            {
                files = Directory.GetFiles(current);
                folders = Directory.GetDirectories(current);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                onIssue(new CodexIssue(ErrorIds.SecretFileUnreadable, IssueKind.ReadError, $"The folder cannot be read: {ex.Message}", current));
                continue;
            }

            Array.Sort(files, StringComparer.Ordinal);
            foreach (string file in files)
            {
                if (Selected(Path.GetFileName(file)))
                {
                    yield return file;
                }
            }

            Array.Sort(folders, StringComparer.Ordinal);
            for (int i = folders.Length - 1; i >= 0; i--)
            {
                string name = Path.GetFileName(folders[i]);
                var info = new DirectoryInfo(folders[i]);
                if (SkippedFolders.Contains(name, StringComparer.Ordinal) || info.LinkTarget is not null || Excluded(name))
                {
                    continue;
                }

                pending.Push(folders[i]);
            }
        }
    }

    private bool Excluded(string name) => _options.Exclude.Any(p => FileSystemName.MatchesSimpleExpression(p, name, ignoreCase: !OperatingSystem.IsLinux()));

    private bool Selected(string name) =>
        !Excluded(name) && (_options.Include.Count == 0 || _options.Include.Any(p => FileSystemName.MatchesSimpleExpression(p, name, ignoreCase: !OperatingSystem.IsLinux())));

    public void SearchFile(string file, Action<CodexSecretFinding> onFinding, Action<CodexIssue> onIssue, CancellationToken cancel = default)
    {
        try
        {
            var info = new FileInfo(file);
            if (_options.MaxFileSize > 0 && info.Length > _options.MaxFileSize)
            {
                onIssue(new CodexIssue(ErrorIds.SecretFileTooLarge, IssueKind.InvalidData,
                    $"The file is {info.Length:N0} bytes, more than -MaxFileSize ({_options.MaxFileSize:N0}); it was not scanned.", file,
                    RecommendedAction: "Raise -MaxFileSize to scan it (memory does not grow with the file's size)."));
                return;
            }

            using FileStream stream = Configuration.RegularFile.OpenRead(file, 1 << 16);
            var streaming = new StreamingSecretScanner(_scanner);
            StreamScanSummary summary = streaming.Run(stream, f =>
            {
                CodexSecretFinding finding = ToFinding(file, f);
                if (IsNew(finding))
                {
                    onFinding(finding);
                }
            }, _preview, cancel: cancel);
            if (summary.Binary)
            {
                // Read once, through the same opener as the scan (no FIFOs, links only to what their owner could read).
                byte[]? keyStore = info.Length <= 1 << 20 ? Configuration.RegularFile.ReadAllBytes(file) : null;
                if (keyStore is not null && KeyStoreDetector.IsKeyStore(keyStore) && KeyStoreSelected())
                {
                    onFinding(new CodexSecretFinding
                    {
                        RuleId = KeyStoreDetector.Id, Kind = KeyStoreDetector.Kind, Category = nameof(DetectorCategory.Secret), File = file, Line = 0, Column = 0,
                        Length = (int)info.Length, MaskedPreview = $"[{KeyStoreDetector.Kind}: PKCS#12 key store, {info.Length:N0} bytes]",
                        Fingerprint = SecretFingerprint.Compute(KeyStoreDetector.Id, Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(keyStore)), _options.Key),
                        Confidence = nameof(FindingConfidence.High),
                    });
                    return;
                }

                onIssue(new CodexIssue(ErrorIds.SecretFileBinary, IssueKind.Warning,
                    "The file is binary (it holds NUL bytes within its first 8,000 bytes); it was skipped, not scanned.", file));
                return;
            }

            if (summary.InvalidBytes > 0)
            {
                onIssue(new CodexIssue(ErrorIds.SecretFileInvalidUtf8, IssueKind.Warning,
                    $"The file is not valid UTF-8 ({summary.InvalidBytes:N0} invalid bytes); the rest of it was scanned and the invalid bytes were left as they are.", file));
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            onIssue(new CodexIssue(ErrorIds.SecretFileUnreadable, IssueKind.ReadError, $"The file cannot be read: {ex.Message}", file,
                RecommendedAction: "Check that this account may read the file."));
        }
    }

    private bool KeyStoreSelected() => SecretScanner.Select(_options.Scan).Any(d => d.Category == DetectorCategory.Secret)
        && !_options.Scan.ExcludeRules.Any(r => r.Equals(KeyStoreDetector.Id, StringComparison.OrdinalIgnoreCase) || r.Equals(KeyStoreDetector.Kind, StringComparison.OrdinalIgnoreCase));

    /// <summary>Secrets in a string (a property of an object, a line given on the pipeline); <paramref name="source"/> names it.</summary>
    public IEnumerable<CodexSecretFinding> SearchText(string text, string source)
    {
        var found = new List<CodexSecretFinding>();
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(text));
        new StreamingSecretScanner(_scanner).Run(stream, f => found.Add(ToFinding(source, f)), _preview);
        return found.Where(f => _options.Baseline is null || !_options.Baseline.Contains(f.Fingerprint));
    }

    /// <summary>
    /// One string of an object at <paramref name="path"/>: pattern findings, or, when nothing matched and the property's
    /// name says secret (password, token, ...), the whole value as one finding.
    /// </summary>
    public IEnumerable<CodexSecretFinding> SearchValue(string path, string value)
    {
        var found = SearchText(value, path).ToList();
        string key = path[(path.LastIndexOf('.') + 1)..];
        bool named = !key.StartsWith('(') && SecretPaths.IsSecretName(key) && value.Length > 0 && !Placeholders.IsStrictPlaceholder(value) && !SecretPaths.IsSecretName(value);
        if (found.Count == 0 && named && IncludesKeyNames())
        {
            var finding = new CodexSecretFinding
            {
                RuleId = KeyNamedRule, Kind = "SECRET", Category = nameof(DetectorCategory.Secret), File = path, Line = 1, Column = 1, Length = value.Length,
                MaskedPreview = $"{key} = {_preview.Replacement("SECRET", Array.Empty<string>(), value)}",
                Fingerprint = SecretFingerprint.Compute(KeyNamedRule, value, _options.Key), Confidence = nameof(FindingConfidence.Medium),
                Secret = _options.IncludeSecret ? value : null,
            };
            if (IsNew(finding))
            {
                found.Add(finding);
            }
        }

        return found;
    }

    /// <summary>The rule id of a value reported because its key names a secret.</summary>
    public const string KeyNamedRule = "secret-key-name";

    private bool IncludesKeyNames() =>
        (_options.Scan.Rules.Count == 0 ? _options.Scan.Categories.Contains(DetectorCategory.Secret) : _options.Scan.Rules.Any(r => r.Equals(KeyNamedRule, StringComparison.OrdinalIgnoreCase) || r.Equals("SECRET", StringComparison.OrdinalIgnoreCase)))
        && !_options.Scan.ExcludeRules.Any(r => r.Equals(KeyNamedRule, StringComparison.OrdinalIgnoreCase));

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private CodexSecretFinding ToFinding(string file, StreamFinding f) => new()
    {
        RuleId = f.Match.Detector.Id,
        Kind = f.Match.Detector.Kind,
        Category = f.Match.Detector.Category.ToString(),
        File = file,
        Line = f.Line,
        Column = f.Column,
        Length = f.Match.Length,
        MaskedPreview = f.MaskedPreview,
        Fingerprint = SecretFingerprint.Compute(f.Match.Detector.Id, f.Match.Value, _options.Key),
        Confidence = f.Match.Detector.Confidence.ToString(),
        Secret = _options.IncludeSecret ? f.Match.Value : null,
    };

    /// <summary>True when the baseline does not already list the finding.</summary>
    public bool IsNew(CodexSecretFinding finding) => _options.Baseline is null || !_options.Baseline.Contains(finding.Fingerprint);

    /// <summary>
    /// What a reader of this home and project reads: the configuration layers, AGENTS.md files from the project up to
    /// its root and in the home, skills, agents, hooks, rules, plugin folders and session rollouts.
    /// </summary>
    public static IEnumerable<string> DefaultScope(CodexEnvironment environment, Action<CodexIssue> onIssue)
    {
        // A home that is not there is said, not passed over: a nightly scan of a mistyped home must not read as clean.
        if (CodexHomeCheck.Problem(environment) is { } homeProblem)
        {
            onIssue(homeProblem);
        }

        var paths = new List<string>
        {
            environment.UserConfigPath, environment.SystemConfigPath, environment.RequirementsPath,
            Path.Combine(environment.CodexHome, "AGENTS.md"), Path.Combine(environment.CodexHome, "AGENTS.override.md"),
            Path.Combine(environment.CodexHome, "hooks.json"), Path.Combine(environment.CodexHome, "skills"),
            Path.Combine(environment.CodexHome, "agents"), Path.Combine(environment.CodexHome, "rules"),
            Path.Combine(environment.CodexHome, "plugins"), Path.Combine(environment.CodexHome, "sessions"),
            Path.Combine(environment.CodexHome, "archived_sessions"), Path.Combine(environment.CodexHome, "prompts"),
        };
        foreach (string file in Directory.Exists(environment.CodexHome) ? Directory.EnumerateFiles(environment.CodexHome, "*.config.toml") : Enumerable.Empty<string>())
        {
            paths.Add(file);
        }

        for (string? dir = environment.ProjectPath; dir is not null; dir = Path.GetDirectoryName(dir))
        {
            paths.Add(Path.Combine(dir, "AGENTS.md"));
            paths.Add(Path.Combine(dir, "AGENTS.override.md"));
            paths.Add(Path.Combine(dir, ".codex"));
            paths.Add(Path.Combine(dir, ".agents"));
            if (Directory.Exists(Path.Combine(dir, ".git")))
            {
                break;
            }
        }

        return paths.Where(p => File.Exists(p) || Directory.Exists(p)).Distinct(StringComparer.Ordinal);
    }
}
