using System.Text;
using System.Text.Json;
using Codex.Plugins.Diagnostics;
using Codex.Plugins.Masking;
using Codex.Plugins.Masking.Detection;
using Codex.Plugins.Masking.Operators;
using Codex.Plugins.Masking.Streaming;
using Codex.Plugins.Tests.Support;

namespace Codex.Plugins.Tests.Masking;

/// <summary>
/// Streaming, operators, structure-aware formats, baselines and the hook's decision, through the engine's public surface.
/// They run alone: Memory_stays_flat measures the process's live heap, which tests running beside it fill too (it
/// failed once in a full run, 18 MB against a 16 MB bound, beside the writer race tests).
/// </summary>
[Collection(nameof(ProcessWideState))]
public sealed class MaskingEngineTests
{
    private const string Token = "ghp_Z8x7W6v5U4t3S2r1Q0pOnMlKjIhGfEdCbA9z";

    private static readonly SecretScanner Secrets = new(SecretScanOptions.Secrets);

    private static (List<StreamFinding> Findings, byte[] Output, StreamScanSummary Summary) Stream(byte[] input, int window, MaskMode mode = MaskMode.Redact)
    {
        var findings = new List<StreamFinding>();
        using var output = new MemoryStream();
        var masker = new SecretMasker(mode);
        var summary = new StreamingSecretScanner(Secrets, window).Run(new MemoryStream(input), findings.Add, masker, output, masker);
        return (findings, output.ToArray(), summary);
    }

    [Fact]
    public void A_secret_that_spans_a_window_boundary_is_found_once_and_masked()
    {
        const int window = 1 << 16; // the smallest window the scanner allows is twice its overlap
        foreach (int shift in new[] { -20, -1, 0, 1, 17 })
        {
            var sb = new StringBuilder();
            sb.Append('a', window * 2 + shift).Append(' ').Append(Token).Append(' ').Append('b', window).Append("\nlast ").Append(Token);
            byte[] input = Encoding.UTF8.GetBytes(sb.ToString());
            var (findings, output, _) = Stream(input, window * 2);
            Assert.Equal(2, findings.Count);
            string text = Encoding.UTF8.GetString(output);
            Assert.DoesNotContain(Token, text, StringComparison.Ordinal);
            Assert.Equal(sb.ToString().Replace(Token, "[GITHUB_TOKEN]", StringComparison.Ordinal), text);
            Assert.Equal(1, findings[0].Line);
            Assert.Equal(window * 2 + shift + 2, findings[0].Column);
            Assert.Equal(2, findings[1].Line);
            Assert.Equal(6, findings[1].Column);
        }
    }

    [Fact]
    public void Invalid_utf8_bytes_are_kept_exactly_and_the_rest_is_masked()
    {
        byte[] before = { 0x66, 0xFF, 0xFE, 0xC3, 0x28, 0xE2, 0x82, 0x20 };
        byte[] input = before.Concat(Encoding.UTF8.GetBytes(" t=" + Token + " é ")).Concat(new byte[] { 0xF0, 0x9F }).ToArray();
        var (findings, output, summary) = Stream(input, 1 << 16);
        Assert.Single(findings);
        Assert.True(summary.InvalidBytes >= 5);
        byte[] expected = before.Concat(Encoding.UTF8.GetBytes(" t=[GITHUB_TOKEN] é ")).Concat(new byte[] { 0xF0, 0x9F }).ToArray();
        Assert.Equal(expected, output);
    }

    [Fact]
    public void Binary_input_is_detected_and_nothing_is_written()
    {
        var (findings, output, summary) = Stream(new byte[] { 0x7F, 0x45, 0x4C, 0x46, 0, 0, 1 }.Concat(Encoding.UTF8.GetBytes(Token)).ToArray(), 1 << 16);
        Assert.True(summary.Binary);
        Assert.Empty(findings);
        Assert.Empty(output);
    }

    [Fact]
    public void Memory_stays_flat_over_a_large_single_line()
    {
        // 24 MB with no newline, a token every 8 KB: the scanner holds one window, whatever the size.
        var input = new RepeatingStream(Encoding.UTF8.GetBytes("x=" + Token + " " + new string('l', 8192)), 24L << 20);
        long before = GC.GetTotalMemory(true);
        long peak = 0;
        int findings = 0;
        var summary = new StreamingSecretScanner(Secrets).Run(input, _ =>
        {
            if (++findings % 512 == 0)
            {
                // What the scanner keeps alive (a forced collection), not the garbage between collections.
                peak = Math.Max(peak, GC.GetTotalMemory(true));
            }
        }, new SecretMasker(MaskMode.Redact));
        Assert.Equal(24L << 20, summary.Bytes);
        Assert.True(findings > 3000);
        Assert.True(peak - before < 16L << 20, $"the live heap grew by {(peak - before) >> 20} MB while reading 24 MB");
    }

    [Fact]
    public void Tag_keeps_the_prefix_and_kind_and_is_the_same_for_the_same_secret_under_one_key()
    {
        byte[] key = Encoding.UTF8.GetBytes("team-key");
        var a = new SecretMasker(MaskMode.Tag, key);
        var b = new SecretMasker(MaskMode.Tag, key);
        var other = new SecretMasker(MaskMode.Tag, Encoding.UTF8.GetBytes("another"));
        string text = $"t={Token}";
        string masked = a.Apply(text, Secrets.Scan(text));
        Assert.Matches(@"^t=ghp_\u2026\[GITHUB_TOKEN#[0-9a-f]{8}\]$", masked);
        Assert.Equal(masked, b.Apply(text, Secrets.Scan(text)));
        Assert.NotEqual(masked, other.Apply(text, Secrets.Scan(text)));
    }

    [Fact]
    public void Placeholders_are_numbered_per_kind_and_reversed_with_the_mapping_file()
    {
        using var tree = new TempTree();
        var protector = new DataProtector(new SecretScanner(SecretScanOptions.SecretsAndPersonalData), new SecretMasker(MaskMode.Placeholder));
        string ticket = "From jane.doe@contoso.org: bob.smith@fabrikam.com saw it, jane.doe@contoso.org again, card 4111 1111 1111 1111.";
        string masked = protector.ProtectText(ticket, MaskFormat.Text);
        Assert.Equal("From <EMAIL_1>: <EMAIL_2> saw it, <EMAIL_1> again, card <CARD_NUMBER_1>.", masked);
        string mapping = Path.Combine(tree.Root, "map.json");
        protector.Masker.Map.Save(mapping);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(mapping));
        }

        Assert.Equal(ticket, DataProtector.Unprotect(masked, PlaceholderMap.Load(mapping), null));
        var mismatch = Assert.Throws<CodexIssueException>(() => DataProtector.Unprotect("<EMAIL_9> wrote", PlaceholderMap.Load(mapping), "answer.txt"));
        Assert.Equal(ErrorIds.MaskMappingMismatch, mismatch.Issue.ErrorId);
        File.WriteAllText(mapping, "{\"not\": \"a mapping\"}");
        Assert.Equal(ErrorIds.MaskMappingInvalid, Assert.Throws<CodexIssueException>(() => PlaceholderMap.Load(mapping)).Issue.ErrorId);
    }

    [Fact]
    public void Redact_leaves_the_kind_only_and_urls_keep_scheme_user_and_host()
    {
        var protector = new DataProtector(Secrets, new SecretMasker(MaskMode.Redact));
        Assert.Equal("postgres://app:[URL_PASSWORD]@db.internal:5432/app", protector.ProtectText("postgres://app:Sup3rS3cret!@db.internal:5432/app", MaskFormat.Text));
    }

    [Fact]
    public void Json_stays_valid_and_is_masked_by_key_name_then_by_pattern()
    {
        var protector = new DataProtector(new SecretScanner(SecretScanOptions.SecretsAndPersonalData), new SecretMasker(MaskMode.Redact));
        string json = "{\n  \"env\": { \"DB\": \"plainish\", \"NAME\": \"x\" },\n  \"password\": \"hunter2\",\n  \"note\": \"mail jane.doe@contoso.org, key " + Token + "\",\n  \"escaped\": \"a\\\"b\",\n  \"n\": 4\n}";
        string masked = protector.ProtectText(json, MaskFormat.Json);
        using var doc = JsonDocument.Parse(masked);
        Assert.Equal("[SECRET]", doc.RootElement.GetProperty("env").GetProperty("DB").GetString());
        Assert.Equal("[SECRET]", doc.RootElement.GetProperty("password").GetString());
        Assert.Equal("mail [EMAIL], key [GITHUB_TOKEN]", doc.RootElement.GetProperty("note").GetString());
        Assert.Equal("a\"b", doc.RootElement.GetProperty("escaped").GetString());
        Assert.Equal(4, doc.RootElement.GetProperty("n").GetInt32());
    }

    [Fact]
    public void Json_lines_stay_one_valid_object_per_line()
    {
        var protector = new DataProtector(Secrets, new SecretMasker(MaskMode.Tag));
        string rollout = "{\"type\":\"response_item\",\"payload\":{\"type\":\"function_call\",\"arguments\":\"{\\\"cmd\\\":\\\"curl -H 'Authorization: Bearer Xy7zW3vU5tS1rQ9pO2nM4lK6' https://x\\\"}\"}}\n"
            + "{\"type\":\"event_msg\",\"payload\":{\"message\":\"token " + Token + "\"}}\n";
        string masked = protector.ProtectText(rollout, MaskFormat.JsonLines);
        Assert.DoesNotContain("Xy7zW3vU5tS1rQ9pO2nM4lK6", masked, StringComparison.Ordinal);
        Assert.DoesNotContain(Token, masked, StringComparison.Ordinal);
        Assert.All(masked.Split('\n', StringSplitOptions.RemoveEmptyEntries), line => JsonDocument.Parse(line).Dispose());
    }

    [Fact]
    public void Toml_stays_parseable_with_env_tables_and_inline_tables_masked()
    {
        var protector = new DataProtector(Secrets, new SecretMasker(MaskMode.Tag));
        string toml = "model = \"o3\"\n[mcp_servers.db]\ncommand = \"npx\"\nargs = [\"--url\", \"postgres://u:Sup3rS3cret!@h/db\"]\nenv = { API_KEY = \"plain-value-1\", MODE = \"prod-eu\" }\n[mcp_servers.db.http_headers]\nX-Team = \"blue\"\n";
        string masked = protector.ProtectText(toml, MaskFormat.Toml);
        Assert.False(Tomlyn.Parsing.SyntaxParser.Parse(masked, "t.toml", validate: true).HasErrors);
        Assert.DoesNotContain("plain-value-1", masked, StringComparison.Ordinal);
        Assert.DoesNotContain("Sup3rS3cret!", masked, StringComparison.Ordinal);
        Assert.DoesNotContain("prod-eu", masked, StringComparison.Ordinal);
        Assert.DoesNotContain("blue", masked, StringComparison.Ordinal);
        Assert.Contains("model = \"o3\"", masked, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_that_is_not_valid_in_its_format_is_refused_and_nothing_is_written()
    {
        using var tree = new TempTree();
        string source = tree.Write("bad.json", "{\"token\": \"" + Token + "\",");
        string target = Path.Combine(tree.Root, "out.json");
        var protector = new DataProtector(Secrets, new SecretMasker(MaskMode.Redact));
        var error = Assert.Throws<CodexIssueException>(() => protector.ProtectFile(source, target, MaskFormat.Auto, null));
        Assert.Equal(ErrorIds.SecretFormatInvalid, error.Issue.ErrorId);
        Assert.False(File.Exists(target));
        Assert.Empty(Directory.GetFiles(tree.Root, "*.tmp", SearchOption.AllDirectories));
    }

    [Fact]
    public void A_binary_file_is_refused_for_masking_and_skipped_with_its_reason_when_searching()
    {
        using var tree = new TempTree();
        string source = Path.Combine(tree.Root, "blob.bin");
        File.WriteAllBytes(source, new byte[] { 1, 0, 2 }.Concat(Encoding.UTF8.GetBytes(Token)).ToArray());
        var protector = new DataProtector(Secrets, new SecretMasker(MaskMode.Redact));
        Assert.Equal(ErrorIds.SecretFileBinary, Assert.Throws<CodexIssueException>(() => protector.ProtectFile(source, source + ".out", MaskFormat.Auto, null)).Issue.ErrorId);
        Assert.False(File.Exists(source + ".out"));
        var issues = new List<CodexIssue>();
        new SecretSearch(new SecretSearchOptions()).SearchPath(tree.Root, _ => Assert.Fail("no finding in a binary file"), issues.Add);
        Assert.Equal(ErrorIds.SecretFileBinary, Assert.Single(issues).ErrorId);
    }

    [Fact]
    public void A_baseline_hides_known_findings_so_only_new_ones_come_out()
    {
        using var tree = new TempTree();
        tree.Write("a.env", $"GITHUB_TOKEN={Token}\n");
        var first = new List<CodexSecretFinding>();
        new SecretSearch(new SecretSearchOptions()).SearchPath(tree.Root, first.Add, _ => { });
        var finding = Assert.Single(first);
        Assert.Null(finding.Secret);
        Assert.DoesNotContain(Token, finding.MaskedPreview, StringComparison.Ordinal);
        string baseline = tree.Write("baseline.txt", "# known\n" + finding.Fingerprint + "\n");
        tree.Write("b.env", "NEW=glpat-Xy7zW3vU5tS1rQ9pO2nM\n");
        var second = new List<CodexSecretFinding>();
        new SecretSearch(new SecretSearchOptions { Baseline = SecretBaseline.Load(baseline), Exclude = new[] { "baseline.txt" } }).SearchPath(tree.Root, second.Add, _ => { });
        Assert.Equal("gitlab-token", Assert.Single(second).RuleId);
    }

    [Theory]
    [InlineData("{\"hook_event_name\":\"UserPromptSubmit\",\"prompt\":\"deploy with ghp_Z8x7W6v5U4t3S2r1Q0pOnMlKjIhGfEdCbA9z\"}", "\"decision\":\"block\"")]
    [InlineData("{\"hook_event_name\":\"PreToolUse\",\"tool_name\":\"Bash\",\"tool_input\":{\"command\":\"curl -u admin:Xy7zW3vU5t https://x\"}}", "\"permissionDecision\":\"deny\"")]
    public void The_hook_blocks_input_carrying_a_secret_and_names_its_kind_masked(string payload, string decision)
    {
        SecretHookVerdict verdict = SecretHookPolicy.Evaluate(payload);
        Assert.True(verdict.Blocked);
        Assert.Equal(0, verdict.ExitCode);
        Assert.Contains(decision, verdict.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("Z8x7W6v5U4t3", verdict.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("Xy7zW3vU5t", verdict.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void The_hook_lets_clean_input_through_and_fails_open_on_garbage()
    {
        Assert.Equal(string.Empty, SecretHookPolicy.Evaluate("{\"hook_event_name\":\"UserPromptSubmit\",\"prompt\":\"list the files\"}").Stdout);
        Assert.False(SecretHookPolicy.Evaluate("{\"hook_event_name\":\"UserPromptSubmit\",\"prompt\":\"list the files\"}").Blocked);
        Assert.Equal(1, SecretHookPolicy.Evaluate("not json").ExitCode);
    }

    /// <summary>A stream of one pattern repeated to a length, never held in memory.</summary>
    private sealed class RepeatingStream : Stream
    {
        private readonly byte[] _pattern;
        private readonly long _length;
        private long _position;

        public RepeatingStream(byte[] pattern, long length)
        {
            _pattern = pattern;
            _length = length;
        }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => _length;

        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            int n = (int)Math.Min(count, _length - _position);
            for (int i = 0; i < n; i++)
            {
                buffer[offset + i] = _pattern[(_position + i) % _pattern.Length];
            }

            _position += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
