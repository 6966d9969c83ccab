using System.Text;
using Codex.Plugins.Diagnostics;

namespace Codex.Plugins.Configuration.Editing;

/// <summary>
/// A lossless edit of one TOML configuration file. Open reads the file (refusing what Codex would refuse, with line
/// and column); Set and Remove change the text in memory, touching only the keys they name and creating missing
/// tables in the file's own style; Diff shows the change; Commit writes it atomically under an exclusive lock, after
/// checking that the file is still what was read, and only if the result parses.
/// </summary>
/// <example>
/// <code>
/// var edit = ConfigEdit.Open(env.UserConfigPath);
/// edit.Set(new[] { "hooks", "state", hookKey, "trusted_hash" }, hash);
/// ConfigEditResult result = edit.Commit(new ConfigEditOptions { Backup = true });
/// </code>
/// </example>
public sealed class ConfigEdit
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);
    private readonly List<ConfigEditOperation> operations = new();
    private readonly List<string> textBefore = new();
    private Snapshot snapshot;
    private TomlTextEditor editor;

    private ConfigEdit(string path, Snapshot snapshot)
    {
        Path = path;
        this.snapshot = snapshot;
        editor = new TomlTextEditor(snapshot.Text, path, snapshot.Syntax);
    }

    public string Path { get; }

    /// <summary>False when the file does not exist yet: Commit creates it (and its folder).</summary>
    public bool FileExists => snapshot.Bytes is not null;

    /// <summary>The text as read (without a BOM).</summary>
    public string OriginalText => snapshot.Text;

    /// <summary>The text with the edits so far.</summary>
    public string Text => editor.Text;

    public bool HasChanges => !string.Equals(editor.Text, snapshot.Text, StringComparison.Ordinal);

    public IReadOnlyList<ConfigEditOperation> Operations => operations;

    /// <summary>
    /// Reads a file for editing. A missing file is an empty document. Throws <see cref="CodexIssueException"/> when
    /// the path is a folder, cannot be read, does not parse (with line and column), or, given the file as read
    /// earlier (<paramref name="basis"/>), when it changed since, unless <paramref name="force"/>.
    /// </summary>
    public static ConfigEdit Open(string path, TomlFile? basis = null, bool force = false)
    {
        string full = System.IO.Path.GetFullPath(path);
        byte[]? bytes = Snapshot.ReadBytes(WriteTarget.Resolve(full));
        if (basis is not null && bytes is not null)
        {
            // The file as the caller read it is the basis: when the bytes on disk are still those, its parse is reused.
            byte[] basisBytes = Encode(basis.Text, basis.HasBom);
            if (basisBytes.AsSpan().SequenceEqual(bytes))
            {
                return new ConfigEdit(full, new Snapshot(bytes, basis.Text, basis.HasBom, basis.Syntax));
            }

            if (!force)
            {
                throw ChangedOnDisk(full);
            }
        }

        if (basis is not null && bytes is null && !force)
        {
            // Read earlier, gone now: someone removed it; writing would bring back only our keys.
            throw ChangedOnDisk(full);
        }

        return new ConfigEdit(full, Snapshot.Parse(bytes, full));
    }

    /// <summary>Sets a key; returns false when it already had the value (nothing changes, not even quoting).</summary>
    public bool Set(IReadOnlyList<string> key, TomlEditValue value)
    {
        textBefore.Add(editor.Text);
        operations.Add(new ConfigEditOperation(ConfigEditKind.Set, key.ToArray(), value));
        try
        {
            return editor.Set(key, value);
        }
        catch
        {
            Rollback(operations.Count - 1);
            throw;
        }
    }

    /// <summary>Sets a key given as dotted TOML text, e.g. <c>plugins."github@team".enabled</c>.</summary>
    public bool Set(string dottedKey, TomlEditValue value) => Set(TomlKey.Split(dottedKey), value);

    /// <summary>Removes a key, or a table with everything under it; returns false when it was not there.</summary>
    public bool Remove(IReadOnlyList<string> key)
    {
        textBefore.Add(editor.Text);
        operations.Add(new ConfigEditOperation(ConfigEditKind.Remove, key.ToArray(), null));
        try
        {
            return editor.Remove(key);
        }
        catch
        {
            Rollback(operations.Count - 1);
            throw;
        }
    }

    public bool Remove(string dottedKey) => Remove(TomlKey.Split(dottedKey));

    /// <summary>A mark to roll back to (for a change the user declined at -Confirm).</summary>
    public int Checkpoint() => operations.Count;

    /// <summary>Undoes every step after the checkpoint.</summary>
    public void Rollback(int checkpoint)
    {
        if (checkpoint < operations.Count)
        {
            string text = textBefore[checkpoint];
            operations.RemoveRange(checkpoint, operations.Count - checkpoint);
            textBefore.RemoveRange(checkpoint, textBefore.Count - checkpoint);
            editor = new TomlTextEditor(text, Path);
        }
    }

    /// <summary>The unified diff from the file as read to the edited text, secrets masked (<see cref="DiffMask"/>).</summary>
    public string Diff() => UnifiedDiff.Create(snapshot.Text, editor.Text, Path, maskLines: DiffMask.Lines);

    /// <summary>The unified diff of the steps after a checkpoint, secrets masked (<see cref="DiffMask"/>).</summary>
    public string DiffSince(int checkpoint) =>
        UnifiedDiff.Create(checkpoint < textBefore.Count ? textBefore[checkpoint] : editor.Text, editor.Text, Path, maskLines: DiffMask.Lines);

    /// <summary>The bytes Commit would write: the edited text, with the BOM the file had.</summary>
    public byte[] ToBytes() => Encode(editor.Text, snapshot.HasBom);

    /// <summary>
    /// Writes the edit. Under the file's lock: re-reads the file; if it changed since Open, throws ConfigChangedOnDisk
    /// (or, with Force, applies the same steps to what is there now); checks the result parses as Codex reads it;
    /// then replaces the file atomically. Without changes nothing is written.
    /// </summary>
    public ConfigEditResult Commit(ConfigEditOptions? options = null)
    {
        options ??= new ConfigEditOptions();
        if (!HasChanges)
        {
            return new ConfigEditResult(Path, Written: false, Retried: false, BackupPath: null, Diff: string.Empty);
        }

        // Links are resolved once, under the rule every writer shares (WriteTarget); lock, checks and write all
        // act on that one path, never through a link.
        string target = WriteTarget.Resolve(Path);
        string folder = System.IO.Path.GetDirectoryName(target)!;
        try
        {
            Directory.CreateDirectory(folder);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CodexIssueException(new CodexIssue(ErrorIds.ConfigWriteFailed, IssueKind.ReadError,
                $"Cannot create the folder {folder}: {ex.Message}", Path, Target: Path), ex);
        }

        using ConfigFileLock fileLock = ConfigFileLock.Acquire(target, options.LockTimeout);
        bool retried = false;

        // The result was parsed (with Tomlyn's validation, as TomlFileReader reads) after the last step, and a step
        // whose result does not parse throws before it is kept: what is written is exactly text that parsed.
        editor.EnsureParsed();

        // Under the lock, and again at the very last moment (writers that do not take the lock, such as codex itself
        // or a script appending a line), the bytes on disk decide: the same as read means nobody wrote in between;
        // otherwise ConfigChangedOnDisk, or with Force the same steps on what is there now.
        AtomicWriteResult written = AtomicFile.ReplaceAt(target, snapshot.Bytes, ToBytes(), current =>
        {
            if (!options.Force)
            {
                throw ChangedOnDisk(Path);
            }

            Replay(Snapshot.Parse(current, Path));
            retried = true;
            if (!HasChanges)
            {
                return null;
            }

            editor.EnsureParsed();
            return ToBytes();
        }, options.Backup);

        if (!written.Written)
        {
            return new ConfigEditResult(Path, Written: false, Retried: true, BackupPath: null, Diff: string.Empty);
        }

        byte[] bytes = written.Bytes!;
        string diff = Diff();
        // The next read of this file in this process (a -PassThru, the next command) need not parse it again.
        if (editor.Values is { } values)
        {
            ParsedFileCache.Put(Path, bytes, new TomlFile(Path, editor.Text, snapshot.HasBom, values));
        }
        else
        {
            ParsedFileCache.Put(Path, bytes, editor.Text, snapshot.HasBom, editor.Document);
        }

        snapshot = new Snapshot(bytes, editor.Text, snapshot.HasBom, null);
        textBefore.Clear();
        operations.Clear();
        return new ConfigEditResult(Path, Written: true, retried, written.BackupPath, diff);
    }

    /// <summary>The same steps again, on the file as it is now (what -Force means).</summary>
    private void Replay(Snapshot current)
    {
        var steps = operations.ToList();
        snapshot = current;
        operations.Clear();
        textBefore.Clear();
        editor = new TomlTextEditor(current.Text, Path, current.Syntax);
        foreach (ConfigEditOperation step in steps)
        {
            if (step.Kind == ConfigEditKind.Set)
            {
                Set(step.Key, step.Value!);
            }
            else
            {
                Remove(step.Key);
            }
        }
    }

    private static byte[] Encode(string text, bool bom)
    {
        byte[] body = Utf8.GetBytes(text);
        if (!bom)
        {
            return body;
        }

        var bytes = new byte[body.Length + 3];
        bytes[0] = 0xEF;
        bytes[1] = 0xBB;
        bytes[2] = 0xBF;
        body.CopyTo(bytes, 3);
        return bytes;
    }

    internal static CodexIssueException ChangedOnDisk(string path) =>
        new(new CodexIssue(ErrorIds.ConfigChangedOnDisk, IssueKind.InvalidData,
            $"{path} changed after it was read; the change was not written, so the other change is not lost.", path, Target: path,
            RecommendedAction: "Run the command again, or add -Force to re-read the file and apply the change to what is there now."));

    /// <summary>A file's bytes as read, and its text (without BOM) and syntax tree once known to parse.</summary>
    private sealed class Snapshot
    {
        public Snapshot(byte[]? bytes, string text, bool hasBom, Tomlyn.Syntax.DocumentSyntax? syntax)
        {
            Bytes = bytes;
            Text = text;
            HasBom = hasBom;
            Syntax = syntax;
        }

        public byte[]? Bytes { get; }

        public string Text { get; }

        public bool HasBom { get; }

        public Tomlyn.Syntax.DocumentSyntax? Syntax { get; }

        public bool SameBytes(byte[]? other) =>
            Bytes is null ? other is null : other is not null && Bytes.AsSpan().SequenceEqual(other);

        /// <summary>The file's bytes, or null when there is no file; a folder or an unreadable file is an issue.</summary>
        public static byte[]? ReadBytes(string path)
        {
            if (Directory.Exists(path))
            {
                throw new CodexIssueException(new CodexIssue(ErrorIds.ConfigIsDirectory, IssueKind.ReadError,
                    "A folder stands where Codex expects a TOML file; nothing was written.", path, Target: path,
                    RecommendedAction: "Remove or rename the folder, or put the configuration file in its place."));
            }

            try
            {
                return File.Exists(path) ? RegularFile.ReadAllBytes(path, limit: FileSizeLimit.ConfigToml) : null;
            }
            catch (FileNotFoundException)
            {
                return null;
            }
            catch (FileTooLargeException ex)
            {
                throw new CodexIssueException(FileSizeLimit.Issue(ex), ex);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new CodexIssueException(new CodexIssue(ErrorIds.ConfigUnreadable, IssueKind.ReadError,
                    $"The file cannot be read: {ex.Message}", path, Target: path,
                    RecommendedAction: "Check that this account may read it."), ex);
            }
        }

        /// <summary>Parses as Codex reads (refusing with line and column what Codex refuses).</summary>
        public static Snapshot Parse(byte[]? bytes, string path)
        {
            if (bytes is null)
            {
                return new Snapshot(null, string.Empty, false, null);
            }

            TomlFile file = TomlFileReader.Parse(bytes, path);
            return new Snapshot(bytes, file.Text, file.HasBom, file.Syntax);
        }
    }
}
