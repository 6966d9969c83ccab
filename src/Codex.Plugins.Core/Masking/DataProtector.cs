using System.Text;
using System.Text.RegularExpressions;
using Codex.Plugins.Diagnostics;
using Codex.Plugins.Masking.Detection;
using Codex.Plugins.Masking.Formats;
using Codex.Plugins.Masking.Operators;
using Codex.Plugins.Masking.Streaming;

namespace Codex.Plugins.Masking;


/// <summary>
/// Masks text and files. Text streams through the bounded window; JSON and JSON Lines are masked by key name first
/// (a value under <c>password</c>, <c>token</c>, <c>env</c>, <c>headers</c> goes whatever it looks like), then by
/// pattern, and the result must parse; TOML the same way, checked by Tomlyn. A file that does not parse in its format,
/// or would not after masking, is SecretFormatInvalid and nothing is written.
/// </summary>
public sealed class DataProtector
{
    /// <summary>Structured formats are held in memory to be checked; larger files must use -Format Text.</summary>
    public const long MaxStructuredSize = 256L * 1024 * 1024;

    internal static readonly Detection.SecretDetector KeyNamed = new()
    {
        Id = "secret-key-name", Kind = "SECRET", Pattern = new Regex("(?!)"), Generic = true,
    };

    private readonly SecretScanner _scanner;
    private readonly SecretMasker _masker;

    public DataProtector(SecretScanner scanner, SecretMasker masker)
    {
        _scanner = scanner;
        _masker = masker;
    }

    public SecretMasker Masker => _masker;

    public static MaskFormat Resolve(MaskFormat format, string? path)
    {
        if (format != MaskFormat.Auto || path is null)
        {
            return format == MaskFormat.Auto ? MaskFormat.Text : format;
        }

        return System.IO.Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".json" => MaskFormat.Json,
            ".jsonl" or ".ndjson" => MaskFormat.JsonLines,
            ".toml" => MaskFormat.Toml,
            _ => MaskFormat.Text,
        };
    }

    /// <summary>The text masked in its format (strings on the pipeline are Text unless told otherwise).</summary>
    public string ProtectText(string text, MaskFormat format, string? source = null) => ProtectText(text, format, source, _masker);

    private string ProtectText(string text, MaskFormat format, string? source, SecretMasker masker)
    {
        switch (format)
        {
            case MaskFormat.Json:
            case MaskFormat.JsonLines:
                string json = JsonMasking.Mask(text, _scanner, masker);
                JsonMasking.Check(json, format == MaskFormat.JsonLines, source, after: true);
                return json;
            case MaskFormat.Toml:
                string toml = TomlMasking.Mask(text, _scanner, masker);
                TomlMasking.Check(toml, source, after: true);
                return toml;
            default:
                return masker.Apply(text, _scanner.Scan(text));
        }
    }

    /// <summary>
    /// One string of an object: under a key that names a secret (password, token, env, ...) the whole value goes;
    /// otherwise the text is masked by pattern in its format.
    /// </summary>
    public string ProtectValue(string? keyName, string value, MaskFormat format)
    {
        if (keyName is not null && value.Length > 0 && SecretPaths.IsSecretName(keyName) && !Placeholders.IsStrictPlaceholder(value) && !SecretPaths.IsSecretName(value))
        {
            return _masker.Replacement(KeyNamed, value);
        }

        return ProtectText(value, format);
    }

    /// <summary>Masks a file into <paramref name="destination"/> (the same path for -InPlace) through the atomic writer.</summary>
    public CodexProtectResult ProtectFile(string path, string destination, MaskFormat format, string? mappingPath)
    {
        string full = System.IO.Path.GetFullPath(path);
        string target = System.IO.Path.GetFullPath(destination);
        // In place, the file read is the one replaced: read it where the writer will write (links resolved under the
        // writer's rule) and never through a link, or its owner could swap in a link to root's file for the moment of
        // the read and back before the write, and get root's file, masked, in theirs.
        bool inPlace = string.Equals(full, target, StringComparison.Ordinal);
        string source = inPlace && !OperatingSystem.IsWindows() ? Configuration.Editing.WriteTarget.Resolve(full) : full;
        MaskFormat resolved = Resolve(format, full);
        // Counted apart: other files may be masked at the same time through the same masker (InOrderJobs).
        SecretMasker masker = _masker.CountingApart();
        try
        {
            if (resolved == MaskFormat.Text)
            {
                MaskedFileWriter.Write(target, output =>
                {
                    using FileStream input = inPlace
                        ? Configuration.RegularFile.OpenRead(source, 1 << 16, followLinks: false)
                        : new FileStream(full, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1 << 16, FileOptions.SequentialScan);
                    StreamScanSummary summary = new StreamingSecretScanner(_scanner).Run(input, null, masker, output, masker);
                    if (summary.Binary)
                    {
                        throw new CodexIssueException(new CodexIssue(ErrorIds.SecretFileBinary, IssueKind.InvalidData,
                            "The file is binary (it holds NUL bytes within its first 8,000 bytes); nothing was written.", full));
                    }
                }, fromTarget: inPlace);
            }
            else
            {
                // The file is read inside the writer, after it has looked at what is there, as the Text path reads it:
                // in place, a file changed between this read and the write is then refused (ConfigChangedOnDisk), never
                // replaced by a masked copy of what it used to be. Read before, an append in between was lost.
                MaskedFileWriter.Write(target, s => s.Write(MaskStructured(inPlace, source, full, resolved, masker)), fromTarget: inPlace);
            }
        }
        catch (CodexIssueException ex) when (ex.Issue.ErrorId == ErrorIds.ConfigWriteFailed || ex.Issue.ErrorId == ErrorIds.ConfigReadOnly || ex.Issue.ErrorId == ErrorIds.ConfigChangedOnDisk)
        {
            throw new CodexIssueException(new CodexIssue(ErrorIds.SecretWriteFailed, IssueKind.ReadError,
                SecretText.Mask(ex.Issue.Message), target, RecommendedAction: ex.Issue.RecommendedAction), ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CodexIssueException(new CodexIssue(ErrorIds.SecretFileUnreadable, IssueKind.ReadError,
                $"The file cannot be read: {SecretText.Mask(ex.Message)} Nothing was written.", full), ex);
        }

        _masker.AddCounts(masker);
        if (_masker.Mode == MaskMode.Placeholder && mappingPath is not null)
        {
            _masker.Map.Save(mappingPath);
        }

        var kinds = masker.Counts.Where(p => p.Value > 0)
            .OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}").ToArray();
        return new CodexProtectResult
        {
            Path = full, Destination = target, Format = resolved.ToString(), Mode = _masker.Mode.ToString(),
            Replacements = masker.Counts.Values.Sum(),
            Kinds = kinds, MappingPath = mappingPath is null ? null : System.IO.Path.GetFullPath(mappingPath),
        };
    }

    /// <summary>The masked bytes of a JSON, JSON Lines or TOML file, checked before and after (SecretFormatInvalid).</summary>
    private byte[] MaskStructured(bool inPlace, string source, string full, MaskFormat resolved, SecretMasker masker)
    {
        var info = new FileInfo(full);
        if (info.Length > MaxStructuredSize)
        {
            throw new CodexIssueException(new CodexIssue(ErrorIds.SecretFileTooLarge, IssueKind.InvalidData,
                $"The file is {info.Length:N0} bytes; {resolved} masking holds the file in memory to check it and stops at {MaxStructuredSize:N0}. Nothing was written.", full,
                RecommendedAction: "Use -Format Text, which streams."));
        }

        byte[] bytes = inPlace ? Configuration.RegularFile.ReadAllBytes(source, followLinks: false) : File.ReadAllBytes(full);
        if (bytes.AsSpan(0, Math.Min(bytes.Length, 8000)).Contains((byte)0))
        {
            throw new CodexIssueException(new CodexIssue(ErrorIds.SecretFileBinary, IssueKind.InvalidData,
                "The file is binary (it holds NUL bytes within its first 8,000 bytes); nothing was written.", full));
        }

        string text = DecodeStrict(bytes, full);
        if (resolved is MaskFormat.Json or MaskFormat.JsonLines)
        {
            JsonMasking.Check(text, resolved == MaskFormat.JsonLines, full, after: false);
        }
        else
        {
            TomlMasking.Check(text, full, after: false);
        }

        string masked = ProtectText(text, resolved, full, masker);
        bool bom = bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF;
        return (bom ? Encoding.UTF8.GetPreamble() : Array.Empty<byte>()).Concat(new UTF8Encoding(false).GetBytes(masked)).ToArray();
    }

    private static string DecodeStrict(byte[] bytes, string file)
    {
        try
        {
            int offset = bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0;
            return new UTF8Encoding(false, true).GetString(bytes, offset, bytes.Length - offset);
        }
        catch (DecoderFallbackException)
        {
            throw new CodexIssueException(new CodexIssue(ErrorIds.SecretFormatInvalid, IssueKind.InvalidData,
                "The file is not valid UTF-8, so it is not valid JSON or TOML; nothing was written.", file, RecommendedAction: "Use -Format Text, which keeps invalid bytes as they are."));
        }
    }


    /// <summary>
    /// Puts the values back: every placeholder must be in the mapping, or nothing is restored (MaskMappingMismatch),
    /// since a mapping from another run would silently put the wrong people's data into the text.
    /// </summary>
    public static string Unprotect(string text, PlaceholderMap map, string? source)
    {
        var unknown = PlaceholderMap.FindPlaceholders(text).Select(m => m.Value).Where(p => !map.TryGetValue(p, out _)).Distinct().ToList();
        if (unknown.Count > 0)
        {
            throw new CodexIssueException(new CodexIssue(ErrorIds.MaskMappingMismatch, IssueKind.InvalidData,
                $"The mapping does not know {unknown.Count} placeholder(s) in the text ({string.Join(", ", unknown.Take(5))}); nothing was restored.", source,
                RecommendedAction: "Give the mapping written by the Protect-CodexData run that produced this text."));
        }

        return Regex.Replace(text, @"<[A-Z][A-Z0-9_]*?_\d+>", m => map.TryGetValue(m.Value, out string? v) ? v : m.Value);
    }

    public static CodexProtectResult UnprotectFile(string path, string destination, PlaceholderMap map, string mappingPath)
    {
        string full = System.IO.Path.GetFullPath(path);
        string target = System.IO.Path.GetFullPath(destination);
        // As ProtectFile: in place, the file read is the one replaced, so it is read where the writer writes, never
        // through a link, and inside the writer, so that a file changed meanwhile is refused rather than replaced by a
        // restored copy of what it used to be. A new copy holds the secrets the mapping holds: owner-only, like it.
        bool inPlace = string.Equals(full, target, StringComparison.Ordinal);
        string source = inPlace && !OperatingSystem.IsWindows() ? Configuration.Editing.WriteTarget.Resolve(full) : full;
        int count = 0;
        try
        {
            MaskedFileWriter.Write(target, s =>
            {
                string text = ReadForRestore(source, full, inPlace);
                count = PlaceholderMap.FindPlaceholders(text).Count();
                s.Write(new UTF8Encoding(false).GetBytes(Unprotect(text, map, full)));
            }, fromTarget: inPlace, ownerOnly: !inPlace);
        }
        catch (CodexIssueException ex) when (ex.Issue.ErrorId == ErrorIds.ConfigWriteFailed || ex.Issue.ErrorId == ErrorIds.ConfigReadOnly || ex.Issue.ErrorId == ErrorIds.ConfigChangedOnDisk)
        {
            throw new CodexIssueException(new CodexIssue(ErrorIds.SecretWriteFailed, IssueKind.ReadError,
                SecretText.Mask(ex.Issue.Message), target, RecommendedAction: ex.Issue.RecommendedAction), ex);
        }

        return new CodexProtectResult
        {
            Path = full, Destination = target, Format = nameof(MaskFormat.Text), Mode = "Unprotect", Replacements = count,
            MappingPath = System.IO.Path.GetFullPath(mappingPath),
        };
    }

    private static string ReadForRestore(string source, string full, bool inPlace)
    {
        try
        {
            using FileStream input = inPlace
                ? Configuration.RegularFile.OpenRead(source, 1 << 16, followLinks: false)
                : new FileStream(full, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1 << 16, FileOptions.SequentialScan);
            using var reader = new StreamReader(input, new UTF8Encoding(false));
            return reader.ReadToEnd();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CodexIssueException(new CodexIssue(ErrorIds.SecretFileUnreadable, IssueKind.ReadError, $"The file cannot be read: {ex.Message} Nothing was written.", full), ex);
        }
    }
}
