using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;
using Codex.Plugins.Configuration.Editing;
using Codex.Plugins.Diagnostics;
using Codex.Plugins.Masking;
using Codex.Plugins.Masking.Detection;
using Codex.Plugins.Masking.Operators;
using Codex.Plugins.Tests.Support;

namespace Codex.Plugins.Tests.Masking;

/// <summary>These tests change the process's umask, which every thread shares: they run alone.</summary>
[CollectionDefinition(nameof(ProcessWideState), DisableParallelization = true)]
public sealed class ProcessWideState
{
}

/// <summary>
/// Masked files are streamed into the temporary file beside the destination and swapped in by the hardened writer:
/// the output reaches the disk while the input is still being read (nothing is held whole), a mapping of secrets is
/// owner-only from the instant it is created, and an in-place mask of a file that changed meanwhile writes nothing.
/// </summary>
[Collection(nameof(ProcessWideState))]
public sealed class MaskedFileStreamingTests : IDisposable
{
    private const string Token = "ghp_Z8x7W6v5U4t3S2r1Q0pOnMlKjIhGfEdCbA9z";
    private const int OwnerOnly = 0b110_000_000;
    private readonly TempTree tree = new();

    public void Dispose() => tree.Dispose();

    private static string Run(string file, params string[] args)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string a in args)
        {
            psi.ArgumentList.Add(a);
        }

        using Process p = Process.Start(psi)!;
        string output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        Assert.True(p.ExitCode == 0, $"{file} {string.Join(' ', args)}: {p.StandardError.ReadToEnd()}");
        return output;
    }

    private static int ModeOf(string path) => OperatingSystem.IsWindows() ? throw new PlatformNotSupportedException() : (int)File.GetUnixFileMode(path);

    private static string[] TemporaryFilesBeside(string path) =>
        Directory.GetFiles(Path.GetDirectoryName(path)!, "." + Path.GetFileName(path) + ".*.tmp");

    [DllImport("libc", EntryPoint = "umask")]
    private static extern uint SetUmask(uint mask);

    [Fact]
    public async Task Protect_writes_the_masked_file_to_disk_while_it_is_still_reading_the_input()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        // The input is a pipe the test feeds: after 24 MB have gone in (the engine has read all but the pipe's
        // buffer), the masked output must already be on disk in the temporary file beside the destination. An engine
        // that held the file, or its output, whole would have written nothing yet.
        string fifo = Path.Combine(tree.Root, "input.log");
        Run("mkfifo", fifo);
        string destination = Path.Combine(tree.Dir("out"), "masked.log");
        var protector = new DataProtector(new SecretScanner(SecretScanOptions.Secrets), new SecretMasker(MaskMode.Redact));
        Task<CodexProtectResult> protecting = Task.Run(() => protector.ProtectFile(fifo, destination, MaskFormat.Text, null));

        byte[] block = Encoding.UTF8.GetBytes("2026-12-07 INFO deploy token=" + Token + " " + new string('x', 8000) + "\n");
        long written = 0, onDiskMidway = -1;
        int blocks = 0;
        bool destinationExistedMidway = true;
        using (var input = new FileStream(fifo, FileMode.Open, FileAccess.Write, FileShare.ReadWrite, 1))
        {
            while (written < 32L << 20)
            {
                input.Write(block);
                written += block.Length;
                blocks++;
                if (onDiskMidway < 0 && written >= 24L << 20)
                {
                    string[] temporary = TemporaryFilesBeside(destination);
                    onDiskMidway = temporary.Length == 1 ? new FileInfo(temporary[0]).Length : 0;
                    destinationExistedMidway = File.Exists(destination);
                }
            }
        }

        CodexProtectResult result = await protecting;
        Assert.False(destinationExistedMidway, "the destination appeared before the input ended (not atomic)");
        Assert.True(onDiskMidway >= 16L << 20, $"after 24 MB of input only {onDiskMidway >> 20} MB of masked output were on disk");
        Assert.Equal(blocks, result.Replacements);
        Assert.Empty(TemporaryFilesBeside(destination));
        using var masked = new StreamReader(destination);
        string? first = masked.ReadLine();
        Assert.Equal("2026-12-07 INFO deploy token=[GITHUB_TOKEN] " + new string('x', 8000), first);
        Assert.Equal(written - blocks * (Token.Length - "[GITHUB_TOKEN]".Length), new FileInfo(destination).Length);
    }

    [Fact]
    public void A_mapping_file_is_owner_only_from_the_instant_it_is_created_even_under_umask_000()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        string mapping = Path.Combine(tree.Root, "map.json");
        uint previous = SetUmask(0);
        try
        {
            int modeAsCreated = -1;
            MaskedFileWriter.WriteOwnerOnly(mapping, output =>
            {
                // The file that becomes the mapping exists now, before any byte of it is written.
                modeAsCreated = ModeOf(Assert.Single(TemporaryFilesBeside(mapping)));
                output.Write(Encoding.UTF8.GetBytes("{}"));
            });
            Assert.Equal(OwnerOnly, modeAsCreated);
            Assert.Equal(OwnerOnly, ModeOf(mapping));

            // A mapping someone left world-readable is replaced by an owner-only one, never rewritten in its mode.
            File.SetUnixFileMode(mapping, (UnixFileMode)0b110_100_100);
            var map = new PlaceholderMap();
            map.PlaceholderFor("EMAIL", "jane.doe@contoso.org");
            map.Save(mapping);
            Assert.Equal(OwnerOnly, ModeOf(mapping));
            Assert.Equal("jane.doe@contoso.org", PlaceholderMap.Load(mapping).Entries["<EMAIL_1>"]);

            // Output that is not secret keeps the umask's mode: owner-only is the mapping's, not every write's.
            string copy = Path.Combine(tree.Root, "masked.txt");
            MaskedFileWriter.Write(copy, output => output.Write(Encoding.UTF8.GetBytes("masked")));
            Assert.Equal(0b110_110_110, ModeOf(copy));
        }
        finally
        {
            SetUmask(previous);
        }
    }

    [Fact]
    public void In_place_masking_of_a_file_changed_meanwhile_writes_nothing()
    {
        string path = tree.Write("work/notes.txt", "token=" + Token + "\n");
        var failure = Assert.Throws<CodexIssueException>(() => MaskedFileWriter.Write(path, output =>
        {
            output.Write(Encoding.UTF8.GetBytes("token=[GITHUB_TOKEN]\n"));
            File.AppendAllText(path, "a line another program appended\n");
        }, fromTarget: true));
        Assert.Equal(ErrorIds.ConfigChangedOnDisk, failure.Issue.ErrorId);
        Assert.Equal("token=" + Token + "\na line another program appended\n", File.ReadAllText(path));
        Assert.Empty(TemporaryFilesBeside(path));

        // A copy made from another file does not depend on what the destination held: it replaces it.
        MaskedFileWriter.Write(path, output =>
        {
            output.Write(Encoding.UTF8.GetBytes("fresh\n"));
            File.AppendAllText(path, "appended\n");
        });
        Assert.Equal("fresh\n", File.ReadAllText(path));
    }

    [Fact]
    public void A_failing_producer_leaves_the_file_and_its_folder_as_they_were()
    {
        string path = tree.Write("work/notes.txt", "before\n");
        var ex = Assert.Throws<IOException>(() => MaskedFileWriter.Write(path, output =>
        {
            output.Write(new byte[1 << 20]);
            throw new IOException("the input went away");
        }));
        Assert.Equal("the input went away", ex.Message);
        Assert.Equal("before\n", File.ReadAllText(path));
        Assert.Empty(TemporaryFilesBeside(path));
    }

    [Fact]
    public void A_streamed_write_keeps_the_owner_and_mode_and_backs_up_the_previous_version()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        string path = tree.Write("work/config.toml", "model = \"old\"\n");
        File.SetUnixFileMode(path, (UnixFileMode)0b110_100_000);
        string? backup = AtomicFile.WriteStreamed(path, output => output.Write(Encoding.UTF8.GetBytes("model = \"new\"\n")), backup: true);
        Assert.Equal(path + BackupFile.BackupSuffix, backup);
        Assert.Equal("model = \"old\"\n", File.ReadAllText(backup!));
        Assert.Equal("model = \"new\"\n", File.ReadAllText(path));
        Assert.Equal(0b110_100_000, ModeOf(path));
        Assert.Equal(0b110_100_000, ModeOf(backup!));

        // The next backup takes a new name; the earlier one is never overwritten.
        string? second = AtomicFile.WriteStreamed(path, output => output.Write(Encoding.UTF8.GetBytes("model = \"newer\"\n")), backup: true);
        Assert.Equal(path + BackupFile.BackupSuffix + ".1", second);
        Assert.Equal("model = \"old\"\n", File.ReadAllText(backup!));
        Assert.Equal("model = \"new\"\n", File.ReadAllText(second!));
    }

    [Fact]
    public void A_streamed_write_never_follows_a_link_another_account_planted_toward_roots_file()
    {
        if (OperatingSystem.IsWindows() || Run("id", "-u").Trim() != "0")
        {
            return;
        }

        string home = tree.Dir("victim");
        string secret = tree.Write("root-only/secret.txt", "ROOT-SECRET\n");
        Run("chmod", "0700", Path.GetDirectoryName(secret)!);
        string masked = Path.Combine(home, "masked.log");
        File.CreateSymbolicLink(masked, secret);
        Run("chown", "-R", "-h", "4242:4242", home);
        var failure = Assert.Throws<CodexIssueException>(() => MaskedFileWriter.Write(masked, output => output.Write(Encoding.UTF8.GetBytes("overwritten\n"))));
        Assert.Equal(ErrorIds.ConfigLinkRefused, failure.Issue.ErrorId);
        Assert.Equal("ROOT-SECRET\n", File.ReadAllText(secret));
    }
}
