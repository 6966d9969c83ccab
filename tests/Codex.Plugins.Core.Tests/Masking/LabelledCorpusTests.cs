using System.Text.Json;
using Codex.Plugins.Masking.Detection;
using Xunit.Abstractions;

namespace Codex.Plugins.Tests.Masking;

/// <summary>
/// Our own labelled corpus (tests/fixtures/masking/labelled-corpus.jsonl), shaped like agent data: rollout lines,
/// config.toml with env tables, hook payloads, tickets with personal data, logs and agent files. Each entry lists
/// its secrets; every one must be found whole, and nothing else may be.
/// </summary>
public sealed class LabelledCorpusTests
{
    private readonly ITestOutputHelper _output;

    public LabelledCorpusTests(ITestOutputHelper output) => _output = output;

    private static IEnumerable<(string Id, string Shape, string Text, string[] Secrets)> Entries()
    {
        string? dir = AppContext.BaseDirectory;
        while (dir is not null && !File.Exists(Path.Combine(dir, "Codex.Plugins.slnx")))
        {
            dir = Path.GetDirectoryName(dir);
        }

        foreach (string line in File.ReadAllLines(Path.Combine(dir!, "tests", "fixtures", "masking", "labelled-corpus.jsonl")))
        {
            using var doc = JsonDocument.Parse(line);
            var root = doc.RootElement;
            yield return (root.GetProperty("id").GetString()!, root.GetProperty("shape").GetString()!, root.GetProperty("text").GetString()!,
                root.GetProperty("secrets").EnumerateArray().Select(s => s.GetString()!).ToArray());
        }
    }

    [Fact]
    public void Every_labelled_secret_is_found_and_nothing_unlabelled_is()
    {
        var scanner = new SecretScanner(SecretScanOptions.SecretsAndPersonalData);
        var problems = new List<string>();
        int truePositives = 0, labelled = 0, falsePositives = 0, entries = 0;
        foreach (var (id, shape, text, secrets) in Entries())
        {
            entries++;
            var matches = scanner.Scan(text);
            foreach (string secret in secrets)
            {
                labelled++;
                int at = text.IndexOf(secret, StringComparison.Ordinal);
                Assert.True(at >= 0, $"{id}: the label '{secret}' is not in the text");
                if (matches.Any(m => m.Start <= at && m.End >= at + secret.Length))
                {
                    truePositives++;
                }
                else
                {
                    problems.Add($"{id} ({shape}): missed '{secret}'; found {string.Join(", ", matches.Select(m => $"{m.Detector.Id}='{m.Value}'"))}");
                }
            }

            foreach (var m in matches.Where(m => !secrets.Any(s => s.Contains(m.Value, StringComparison.Ordinal) || m.Value.Contains(s, StringComparison.Ordinal))))
            {
                falsePositives++;
                problems.Add($"{id} ({shape}): {m.Detector.Id} matched unlabelled '{m.Value}'");
            }
        }

        _output.WriteLine($"{entries} entries, {labelled} labelled secrets, {truePositives} found, {falsePositives} false positives");
        Assert.True(entries >= 30);
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }
}
