using System.Text.Json;
using Codex.Plugins.Masking.Detection;
using Xunit.Abstractions;

namespace Codex.Plugins.Tests.Masking;

/// <summary>
/// SecretScanOptions.ProviderShapedSecrets, the scan for prose: every labelled secret that a provider-shaped detector
/// finds in the labelled corpus is still found when its line is quoted in a README, and documentation that only
/// talks about credentials (the curated plugin corpus' Markdown, examples of flags, headers and assignments) yields
/// nothing.
/// </summary>
public sealed class ProviderShapedSecretsTests
{
    private readonly ITestOutputHelper _output;

    public ProviderShapedSecretsTests(ITestOutputHelper output) => _output = output;

    private static string RepoRoot()
    {
        string? dir = AppContext.BaseDirectory;
        while (dir is not null && !File.Exists(Path.Combine(dir, "Codex.Plugins.slnx")))
        {
            dir = Path.GetDirectoryName(dir);
        }

        return dir!;
    }

    [Fact]
    public void Runs_no_detector_that_finds_secrets_by_their_context()
    {
        var scanner = new SecretScanner(SecretScanOptions.ProviderShapedSecrets);
        Assert.NotEmpty(scanner.Detectors);
        Assert.All(scanner.Detectors, d =>
        {
            Assert.False(d.Generic, d.Id);
            Assert.Equal(FindingConfidence.High, d.Confidence);
            Assert.True(d.Priority < SecretScanOptions.ContextPriority, d.Id);
        });
        Assert.Contains(scanner.Detectors, d => d.Id == "github-pat");
        Assert.Contains(scanner.Detectors, d => d.Id == "private-key");
        Assert.DoesNotContain(scanner.Detectors, d => d.Id is "cli-password-flag" or "password-assignment" or "url-password");
    }

    [Fact]
    public void Finds_every_provider_shaped_labelled_secret_quoted_in_documentation()
    {
        var full = new SecretScanner(SecretScanOptions.Secrets);
        var shaped = new SecretScanner(SecretScanOptions.ProviderShapedSecrets);
        var shapedIds = shaped.Detectors.Select(d => d.Id).ToHashSet();
        int inScope = 0, contextOnly = 0;
        var missed = new List<string>();
        foreach (string line in File.ReadAllLines(Path.Combine(RepoRoot(), "tests", "fixtures", "masking", "labelled-corpus.jsonl")))
        {
            using var doc = JsonDocument.Parse(line);
            string text = doc.RootElement.GetProperty("text").GetString()!;
            foreach (string secret in doc.RootElement.GetProperty("secrets").EnumerateArray().Select(s => s.GetString()!))
            {
                int at = text.IndexOf(secret, StringComparison.Ordinal);
                SecretMatch? found = full.Scan(text).Cast<SecretMatch?>().FirstOrDefault(m => m!.Value.Start <= at && m.Value.End >= at + secret.Length);
                if (found is null || !shapedIds.Contains(found.Value.Detector.Id))
                {
                    contextOnly++;
                    continue;
                }

                inScope++;
                // The line that holds it, quoted in a README, and the bare secret in a sentence.
                string quoted = text.Split('\n').First(l => l.Contains(secret, StringComparison.Ordinal));
                string prose = $"# Setup\nTo try the server, use the key below.\n\n```\n{quoted}\n```\nThen restart.\n";
                if (found.Value.Detector.Keywords.All(k => secret.Contains(k, StringComparison.OrdinalIgnoreCase)))
                {
                    prose += $"Or paste {secret} into the settings page.\n";
                }

                if (!shaped.Scan(prose).Any(m => m.Value.Contains(secret, StringComparison.Ordinal) || secret.Contains(m.Value, StringComparison.Ordinal)))
                {
                    missed.Add($"{found.Value.Detector.Id}: {secret[..Math.Min(12, secret.Length)]}…");
                }
            }
        }

        _output.WriteLine($"{inScope} provider-shaped labelled secrets, {inScope - missed.Count} found in prose; {contextOnly} known only by context");
        Assert.True(missed.Count == 0, string.Join("\n", missed));
        Assert.True(inScope >= 10, $"only {inScope} provider-shaped secrets in the labelled corpus");
    }

    [Fact]
    public void Stays_quiet_on_documentation_that_talks_about_credentials()
    {
        const string Readme = """
            # Setup
            Run `hf auth login --token <token>` or pass `--password [TEXT]` to the CLI.
            In the handler, `const password = form.get("password") as string;` then
            `const token = process.env.SLACK_SIGNING_SECRET!;` and send `Authorization: Bearer <your token>`.
            Connect with `postgres://user:pass@localhost:5432/db`; see https://example.com/callback?code=value.
            """;
        Assert.Empty(new SecretScanner(SecretScanOptions.ProviderShapedSecrets).Scan(Readme));
        // The full scan does see something in it, which is the noise the prose scan avoids.
        Assert.NotEmpty(new SecretScanner(SecretScanOptions.Secrets).Scan(Readme));
    }

    [Fact]
    public void Finds_nothing_in_the_curated_plugins_documentation()
    {
        string corpus = Path.Combine(RepoRoot(), "..", "shared", "corpora", "openai-plugins", "plugins");
        if (!Directory.Exists(corpus))
        {
            _output.WriteLine($"skipped: {corpus} is not beside this clone");
            return;
        }

        var shaped = new SecretScanner(SecretScanOptions.ProviderShapedSecrets);
        var found = new List<string>();
        int files = 0;
        foreach (string file in Directory.EnumerateFiles(corpus, "*.md", SearchOption.AllDirectories))
        {
            files++;
            found.AddRange(shaped.Scan(File.ReadAllText(file)).Select(m => $"{file}: {m.Detector.Id}"));
        }

        _output.WriteLine($"{files} Markdown files, {found.Count} findings");
        Assert.True(files > 500);
        Assert.True(found.Count == 0, string.Join("\n", found));
    }
}
