using System.Diagnostics;
using System.Text;
using Codex.Plugins.Configuration.Editing;
using Codex.Plugins.Diagnostics;
using Codex.Plugins.Masking;
using Codex.Plugins.Masking.Detection;
using Codex.Plugins.Masking.Operators;
using Codex.Plugins.Tests.Support;
using Microsoft.Win32.SafeHandles;
using Xunit.Abstractions;
using static Codex.Plugins.Tests.Support.Tool;

namespace Codex.Plugins.Tests.Masking;

/// <summary>
/// Protect-CodexData -InPlace run by root on a file its owner (uid 4242) controls: the owner swaps the file for a link to
/// root's file and back while the masking runs (a helper process as that owner, a bounded loop). Root's file must never
/// end up, masked or not, in the owner's file.
/// </summary>
public sealed class ProtectInPlaceRaceTests : IDisposable
{
    private const string Owner = "4242";
    private const int Edits = 120;
    // Most tries fall into a flip and are refused (about 3 in 100 get through for JSON, which is read inside the writer
    // since a file changed meanwhile is refused): 4,000 tries once gave 119 of the 120 edits. The bound only keeps a
    // broken helper from holding the test.
    private const int MaxAttempts = 20_000;
    private const string RootMarker = "ROOT-SECRET-4c1";
    private readonly TempTree tree = new();
    private readonly ITestOutputHelper output;

    public ProtectInPlaceRaceTests(ITestOutputHelper output) => this.output = output;

    public void Dispose() => tree.Dispose();

    [Theory]
    [InlineData("app.json", MaskFormat.Json)]
    [InlineData("app.log", MaskFormat.Text)]
    public void Swapping_the_file_for_a_link_to_roots_file_during_120_in_place_maskings_puts_nothing_of_roots_in_it(string name, MaskFormat format)
    {
        if (!OperatingSystem.IsLinux() || Run("id", "-u").Trim() != "0")
        {
            return;
        }

        string rootOnly = tree.Dir("root-only");
        string secret = tree.Write("root-only/" + name, RootText);
        Run("chmod", "0700", rootOnly);
        string folder = tree.Dir("victim/logs");
        string file = tree.Write("victim/logs/" + name, UserData);
        // The owner fills the folder: the writer's look for stale temporary files beside the target then lasts longer,
        // which widens the moment between its check of the name and its read for the flip to fall into.
        for (int i = 0; i < 2000; i++)
        {
            File.WriteAllText(Path.Combine(folder, $"rotated-{i}.log"), string.Empty);
        }

        Run("chown", "-R", $"{Owner}:{Owner}", Path.GetDirectoryName(folder)!);
        string stop = Path.Combine(tree.Root, "stop");

        // The owner's flip keeps the file's inode (rename away, link in its place, link gone, rename back), so a masking
        // that reads through the link and writes over the name finds "the same file" before and after. Bounded: it stops
        // at the stop file or after 400,000 flips (far more than the edits need), whichever comes first.
        string helper = """
            chdir $ARGV[0] or die; my ($name, $secret, $stop) = @ARGV[1..3]; $| = 1; print "started\n";
            for my $i (0 .. 399999) {
                last if $i % 64 == 0 && -e $stop;
                rename($name, "$name.real") or next; symlink($secret, $name);
                select(undef, undef, undef, 0.0002);
                unlink($name); rename("$name.real", $name);
                select(undef, undef, undef, 0.0004);
            }
            """;
        var psi = new ProcessStartInfo("setpriv") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string a in new[] { $"--reuid={Owner}", $"--regid={Owner}", "--clear-groups", "perl", "-e", helper, folder, name, secret, stop })
        {
            psi.ArgumentList.Add(a);
        }

        var protector = new DataProtector(new SecretScanner(SecretScanOptions.Secrets), new SecretMasker(MaskMode.Redact));
        int masked = 0, refused = 0, leaked = 0;
        var refusedBy = new SortedDictionary<string, int>();
        var clock = Stopwatch.StartNew();
        using (Process flipper = Process.Start(psi)!)
        {
            // Its error stream is read only once it has ended: read before, a running helper would hold the test.
            if (flipper.StandardOutput.ReadLine() != "started")
            {
                flipper.WaitForExit(10_000);
                Assert.Fail("the helper did not start: " + flipper.StandardError.ReadToEnd());
            }

            try
            {
                for (int attempt = 0; masked < Edits && attempt < MaxAttempts; attempt++)
                {
                    try
                    {
                        protector.ProtectFile(file, file, format, null);
                        masked++;
                    }
                    catch (Exception ex) when (ex is CodexIssueException or IOException)
                    {
                        string why = ex is CodexIssueException issue ? issue.Issue.ErrorId : ex.GetType().Name;
                        refusedBy[why] = refusedBy.GetValueOrDefault(why) + 1;
                        refused++;

                        // A refusal is quick: without a pause the next tries would fall into the same link.
                        Thread.Sleep(1);
                    }

                    // The user's file is at its name or, mid-flip, at name.real; either one holding root's text is a leak.
                    // It is put back to the user's text (through no link) so the next edit's leak counts on its own.
                    if (TakeBackLeak(file) | TakeBackLeak(file + ".real"))
                    {
                        leaked++;
                    }
                }
            }
            finally
            {
                File.WriteAllText(stop, string.Empty);
                if (!flipper.WaitForExit(30_000))
                {
                    flipper.Kill();
                }
            }
        }

        output.WriteLine($"protect -InPlace race ({format}): {masked} masked, {refused} refused, {leaked} leaked of {Edits} edits in {clock.Elapsed.TotalSeconds:F1} s");
        output.WriteLine("refused: " + string.Join(", ", refusedBy.Select(r => $"{r.Key} {r.Value}")));
        Assert.True(leaked == 0, $"root's file leaked into the owner's file after {leaked} of {Edits} edits ({masked} masked, {refused} refused)");
        Assert.Equal(RootText, File.ReadAllText(secret));
        Assert.True(masked >= Edits, $"only {masked} of {masked + refused} edits got through the flips, so the race was not run {Edits} times");
    }

    /// <summary>
    /// Root's file, large enough (256 KiB) that masking what was read through the link lasts past the owner's flip back:
    /// the write then finds the user's file where it was, as the attack needs.
    /// </summary>
    private static readonly string RootText = $"{{\"note\": \"{RootMarker}\", \"pad\": \"{new string('r', 256 * 1024)}\"}}\n";

    private const string UserData = "{\"note\": \"user data\"}\n";

    /// <summary>True when the regular file at <paramref name="path"/> holds root's text; it then gets the user's text back.</summary>
    private static bool TakeBackLeak(string path)
    {
        using SafeFileHandle fd = UnixFileSystem.OpenExisting(path, UnixFileSystem.ReadWrite, followLinks: false, out _);
        if (fd.IsInvalid)
        {
            return false;
        }

        using var stream = new FileStream(fd, FileAccess.ReadWrite);
        string text = new StreamReader(stream, Encoding.UTF8, false, 4096, leaveOpen: true).ReadToEnd();
        if (!text.Contains(RootMarker, StringComparison.Ordinal))
        {
            return false;
        }

        stream.SetLength(0);
        stream.Position = 0;
        stream.Write(Encoding.UTF8.GetBytes(UserData));
        return true;
    }
}
