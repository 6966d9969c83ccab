using System.Diagnostics;
using Codex.Plugins.Configuration.Editing;
using Codex.Plugins.Diagnostics;
using Codex.Plugins.Tests.Support;
using static Codex.Plugins.Tests.Support.Tool;

namespace Codex.Plugins.Tests.Editing;

/// <summary>
/// Attacks on the writer that the hardening issue did not list, as root on a home uid 4242 owns: what stands at
/// config.toml is not the owner's plain file (a hard link to root's file, a FIFO, a device, a file with setuid bits).
/// </summary>
public sealed class WriterPlantedFileTests : IDisposable
{
    private const string Owner = "4242";
    private readonly TempTree tree = new();

    public void Dispose() => tree.Dispose();

    private static bool IsRoot => !OperatingSystem.IsWindows() && Run("id", "-u").Trim() == "0";

    private string UserHome()
    {
        string home = tree.Dir("victim/.codex");
        Run("chown", "-R", $"{Owner}:{Owner}", Path.GetDirectoryName(home)!);
        return home;
    }

    private static ConfigEditResult SetModel(string path, string value, bool backup = false)
    {
        ConfigEdit edit = ConfigEdit.Open(path);
        edit.Set("model", value);
        return edit.Commit(new ConfigEditOptions { Backup = backup, LockTimeout = TimeSpan.FromSeconds(30) });
    }

    [Fact]
    public void A_config_hard_linked_to_a_root_file_leaves_that_file_as_it_was()
    {
        if (!IsRoot)
        {
            return;
        }

        string home = UserHome();
        string secret = tree.Write("root-only/secret.toml", "token = \"ROOT-SECRET-1f9a\"\n");
        Run("chmod", "0600", secret);
        string config = Path.Combine(home, "config.toml");
        Assert.Equal(0, RunCode("ln", secret, config));
        string inode = Run("stat", "-c", "%i", secret).Trim();

        SetModel(config, "edited", backup: true);

        // Root's file: same inode, bytes, owner and mode (the edit replaced the name in the home, never the file).
        Assert.Equal("token = \"ROOT-SECRET-1f9a\"\n", File.ReadAllText(secret));
        Assert.Equal($"0:0 600 {inode} 1", Run("stat", "-c", "%u:%g %a %i %h", secret).Trim());
        // What root wrote into the home holds root's bytes, so it stays root's and owner-only, as the file it came from.
        Assert.Equal("0:0 600", Run("stat", "-c", "%u:%g %a", config).Trim());
    }

    [Fact]
    public void An_edit_does_not_carry_setuid_or_setgid_bits_onto_the_new_version()
    {
        if (!IsRoot)
        {
            return;
        }

        string home = UserHome();
        string config = tree.Write("victim/.codex/config.toml", "model = \"user\"\n");
        Run("chown", $"{Owner}:{Owner}", config);
        Assert.Equal(0, RunCode("chmod", "6755", config));

        ConfigEditResult result = SetModel(config, "edited", backup: true);

        // As a write by anyone but root clears them, an edit does; owner and permissions are kept.
        Assert.Equal($"{Owner}:{Owner} 755", Run("stat", "-c", "%u:%g %a", config).Trim());
        Assert.Equal($"{Owner}:{Owner} 755", Run("stat", "-c", "%u:%g %a", result.BackupPath!).Trim());
    }

    [Fact]
    public async Task A_fifo_named_config_toml_is_refused_without_waiting_for_a_writer()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        string home = UserHome();
        string config = Path.Combine(home, "config.toml");
        Assert.Equal(0, RunCode("mkfifo", config));

        Task<CodexIssueException?> edit = Task.Run(() =>
        {
            try
            {
                SetModel(config, "edited");
                return null;
            }
            catch (CodexIssueException ex)
            {
                return ex;
            }
        });
        bool returned = await Task.WhenAny(edit, Task.Delay(TimeSpan.FromSeconds(30))) == edit;
        if (!returned)
        {
            // Free the blocked open (a writer on the other end) so the test process is not left with a stuck thread.
            using var unblock = new FileStream(config, FileMode.Open, FileAccess.Write);
        }

        Assert.True(returned, "the edit waited on the FIFO");
        CodexIssueException? refused = await edit;
        Assert.NotNull(refused);
        Assert.Equal(ErrorIds.ConfigUnreadable, refused!.Issue.ErrorId);
        Assert.Contains("FIFO", refused.Issue.Message);
        Assert.True(UnixFileSystem.TryLStat(config, out UnixFileInfo after) && (after.Mode & 0xF000) == 0x1000, "the FIFO is still there");
    }
}
