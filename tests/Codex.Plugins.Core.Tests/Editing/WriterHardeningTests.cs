using System.Diagnostics;
using Codex.Plugins.Configuration.Editing;
using Codex.Plugins.Diagnostics;
using Codex.Plugins.Tests.Support;
using static Codex.Plugins.Tests.Support.Tool;

namespace Codex.Plugins.Tests.Editing;

/// <summary>
/// The writer as an administrator runs it: root, on a home another account (uid 4242) owns and may rig while the
/// edit runs. Each attack is what that owner could plant or race; each test says what must never happen to root's
/// files, and what the owner must still get.
/// </summary>
public sealed class WriterHardeningTests : IDisposable
{
    private const string Owner = "4242";
    private readonly TempTree tree = new();

    public void Dispose() => tree.Dispose();

    private static bool IsRoot => !OperatingSystem.IsWindows() && Run("id", "-u").Trim() == "0";

    /// <summary>A home folder and config.toml owned by uid 4242, and a root-only secret outside it.</summary>
    private (string Home, string Config, string Secret) UserHomeAndRootSecret(string config = "model = \"user\"\n")
    {
        string home = tree.Dir("victim/.codex");
        string configPath = tree.Write("victim/.codex/config.toml", config);
        Run("chown", "-R", $"{Owner}:{Owner}", Path.GetDirectoryName(home)!);
        Run("chmod", "0644", configPath);
        string secretDir = tree.Dir("root-only");
        string secret = tree.Write("root-only/secret.toml", "token = \"ROOT-SECRET-1f9a\"\n");
        Run("chmod", "0700", secretDir);
        Run("chmod", "0600", secret);
        return (home, configPath, secret);
    }

    private static void AssertRootSecretUntouched(string secret)
    {
        Assert.Equal("token = \"ROOT-SECRET-1f9a\"\n", File.ReadAllText(secret));
        Assert.Equal("0:0 600", Run("stat", "-c", "%u:%g %a", secret).Trim());
    }

    private static ConfigEditResult SetModel(string path, string value, bool backup = false, bool force = false)
    {
        ConfigEdit edit = ConfigEdit.Open(path);
        edit.Set("model", value);
        return edit.Commit(new ConfigEditOptions { Backup = backup, Force = force, LockTimeout = TimeSpan.FromSeconds(30) });
    }

    [Fact]
    public void A_backup_name_planted_as_a_link_to_a_root_file_is_never_written_through()
    {
        if (!IsRoot)
        {
            return;
        }

        var (_, config, secret) = UserHomeAndRootSecret();
        File.CreateSymbolicLink(config + ".bak", secret);
        Run("chown", "-h", $"{Owner}:{Owner}", config + ".bak");

        ConfigEditResult result = SetModel(config, "edited", backup: true);

        AssertRootSecretUntouched(secret);
        Assert.Equal(config + ".bak.1", result.BackupPath);
        Assert.Equal("model = \"user\"\n", File.ReadAllText(result.BackupPath!));
        Assert.Equal($"{Owner}:{Owner} 644", Run("stat", "-c", "%u:%g %a", result.BackupPath!).Trim());
        Assert.Equal("model = \"edited\"\n", File.ReadAllText(config));
    }

    [Fact]
    public void An_earlier_backup_is_never_overwritten()
    {
        string config = tree.Write("cfg/config.toml", "model = \"one\"\n");
        string first = SetModel(config, "two", backup: true).BackupPath!;
        string second = SetModel(config, "three", backup: true).BackupPath!;
        string third = SetModel(config, "four", backup: true).BackupPath!;

        Assert.Equal(new[] { config + ".bak", config + ".bak.1", config + ".bak.2" }, new[] { first, second, third });
        Assert.Equal("model = \"one\"\n", File.ReadAllText(first));
        Assert.Equal("model = \"two\"\n", File.ReadAllText(second));
        Assert.Equal("model = \"three\"\n", File.ReadAllText(third));
    }

    [Fact]
    public void A_backup_that_does_not_fit_on_the_disk_fails_and_changes_nothing()
    {
        if (!IsRoot)
        {
            return;
        }

        // A small file system of its own: the file fits, its backup does not.
        string mount = tree.Dir("small-disk");
        if (RunCode("mount", "-t", "tmpfs", "-o", "size=16k", "tmpfs", mount) != 0)
        {
            return;
        }

        try
        {
            string config = Path.Combine(mount, "config.toml");
            // One page each (tmpfs counts pages): the file, its first backup and a filler leave no page for a second backup.
            File.WriteAllText(config, "model = \"one\"\n# " + new string('x', 3000) + "\n");
            string earlier = SetModel(config, "two", backup: true).BackupPath!;
            File.WriteAllBytes(Path.Combine(mount, "filler"), new byte[8192]);
            string before = File.ReadAllText(config);
            string earlierText = File.ReadAllText(earlier);
            var ex = Assert.Throws<CodexIssueException>(() => SetModel(config, "three", backup: true));

            Assert.Equal(ErrorIds.ConfigBackupFailed, ex.Issue.ErrorId);
            Assert.Contains("was not changed", ex.Issue.Message);
            Assert.Equal(before, File.ReadAllText(config));
            Assert.Equal(earlierText, File.ReadAllText(earlier));
            Assert.Equal(new[] { "config.toml", "config.toml.bak", "filler" }, Directory.GetFileSystemEntries(mount).Select(Path.GetFileName).Order().ToArray());
        }
        finally
        {
            RunCode("umount", mount);
        }
    }

    [Fact]
    public void A_lock_name_planted_as_a_link_creates_nothing_where_it_points()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        string config = tree.Write("cfg/config.toml", "model = \"one\"\n");
        string elsewhere = Path.Combine(tree.Dir("elsewhere"), "created-by-root");
        File.CreateSymbolicLink(config + ".lock", elsewhere);

        var ex = Assert.Throws<CodexIssueException>(() => SetModel(config, "two"));

        Assert.Equal(ErrorIds.ConfigLinkRefused, ex.Issue.ErrorId);
        Assert.False(File.Exists(elsewhere));
        Assert.Equal("model = \"one\"\n", File.ReadAllText(config));
    }

    [Fact]
    public void An_edit_leaves_no_lock_file_and_a_waiting_writer_still_waits()
    {
        string config = tree.Write("cfg/config.toml", "model = \"one\"\n");
        SetModel(config, "two");
        Assert.False(File.Exists(config + ".lock"));

        using (ConfigFileLock.Acquire(config, TimeSpan.FromSeconds(1)))
        {
            Assert.True(File.Exists(config + ".lock"));
            var ex = Assert.Throws<CodexIssueException>(() => ConfigFileLock.Acquire(config, TimeSpan.FromMilliseconds(200)));
            Assert.Equal(ErrorIds.ConfigLocked, ex.Issue.ErrorId);
        }

        Assert.False(File.Exists(config + ".lock"));
    }

    [Fact]
    public void Writers_that_delete_the_lock_file_on_release_still_take_turns()
    {
        // Eight threads, each locking and incrementing a counter file by read-modify-write: a lost update would show
        // two holders at once (the lock file deleted by one holder and re-created by another).
        string config = tree.Write("cfg/config.toml", string.Empty);
        string counter = tree.Write("cfg/counter", "0");
        Parallel.For(0, 8, _ =>
        {
            for (int i = 0; i < 50; i++)
            {
                using (ConfigFileLock.Acquire(config, TimeSpan.FromSeconds(60)))
                {
                    int n = int.Parse(File.ReadAllText(counter));
                    File.WriteAllText(counter, (n + 1).ToString());
                }
            }
        });

        Assert.Equal("400", File.ReadAllText(counter));
        Assert.False(File.Exists(config + ".lock"));
    }

    [Fact]
    public void The_lock_file_belongs_to_the_owner_of_the_file_it_guards()
    {
        if (!IsRoot)
        {
            return;
        }

        var (_, config, _) = UserHomeAndRootSecret();
        using (ConfigFileLock.Acquire(config, TimeSpan.FromSeconds(1)))
        {
            Assert.Equal($"{Owner}:{Owner}", Run("stat", "-c", "%u:%g", config + ".lock").Trim());
        }
    }

    [Fact]
    public void A_symlinked_config_is_written_through_when_the_links_owner_owns_the_target()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        // A dotfiles checkout: ~/.codex/config.toml -> ~/dotfiles/codex.toml. codex mcp add writes the target and keeps
        // the link (seen with 0.169.0); so does every writer here.
        string dotfile = tree.Write("victim/dotfiles/codex.toml", "model = \"user\"\n");
        string config = Path.Combine(tree.Dir("victim/.codex"), "config.toml");
        File.CreateSymbolicLink(config, dotfile);
        if (IsRoot)
        {
            Run("chown", "-R", "-h", $"{Owner}:{Owner}", Path.Combine(tree.Root, "victim"));
        }

        SetModel(config, "edited", backup: true);

        Assert.NotNull(new FileInfo(config).LinkTarget);
        Assert.Equal("model = \"edited\"\n", File.ReadAllText(dotfile));
        Assert.Equal("model = \"user\"\n", File.ReadAllText(dotfile + ".bak"));
        if (IsRoot)
        {
            Assert.Equal($"{Owner}:{Owner}", Run("stat", "-c", "%u:%g", dotfile).Trim());
        }
    }

    [Fact]
    public void A_config_linked_by_the_homes_owner_to_a_root_file_is_refused()
    {
        if (!IsRoot)
        {
            return;
        }

        var (_, config, secret) = UserHomeAndRootSecret();
        File.Delete(config);
        File.CreateSymbolicLink(config, secret);
        Run("chown", "-h", $"{Owner}:{Owner}", config);

        var ex = Assert.Throws<CodexIssueException>(() => SetModel(config, "edited", backup: true));

        Assert.Equal(ErrorIds.ConfigLinkRefused, ex.Issue.ErrorId);
        AssertRootSecretUntouched(secret);
        Assert.Equal(new[] { "secret.toml" }, Directory.GetFileSystemEntries(Path.GetDirectoryName(secret)!).Select(Path.GetFileName).ToArray());
    }

    [Fact]
    public void A_codex_home_linked_by_its_owner_to_a_root_folder_is_refused()
    {
        if (!IsRoot)
        {
            return;
        }

        var (home, _, secret) = UserHomeAndRootSecret();
        string rootFolder = Path.GetDirectoryName(secret)!;
        string config = tree.Write("root-only/config.toml", "model = \"root\"\n");
        Run("chmod", "0600", config);
        Directory.Delete(home, recursive: true);
        Directory.CreateSymbolicLink(home, rootFolder);
        Run("chown", "-h", $"{Owner}:{Owner}", home);

        var ex = Assert.Throws<CodexIssueException>(() => SetModel(Path.Combine(home, "config.toml"), "edited"));

        Assert.Equal(ErrorIds.ConfigLinkRefused, ex.Issue.ErrorId);
        Assert.Equal("model = \"root\"\n", File.ReadAllText(config));
    }

    [Fact]
    public void A_folder_marked_read_only_is_refused_even_for_root()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        string config = tree.Write("ro/config.toml", "model = \"one\"\n");
        string folder = Path.GetDirectoryName(config)!;
        Run("chmod", "0555", folder);
        try
        {
            var ex = Assert.Throws<CodexIssueException>(() => SetModel(config, "two"));
            Assert.Equal(ErrorIds.ConfigReadOnly, ex.Issue.ErrorId);
            Assert.Contains("folder", ex.Issue.Message);
            Assert.Equal("model = \"one\"\n", File.ReadAllText(config));
        }
        finally
        {
            Run("chmod", "0755", folder);
        }
    }

    [Fact]
    public void A_new_config_created_by_root_in_a_users_folder_belongs_to_that_user()
    {
        if (!IsRoot)
        {
            return;
        }

        string home = tree.Dir("fresh/.codex");
        Run("chown", $"{Owner}:{Owner}", home);
        SetModel(Path.Combine(home, "config.toml"), "new");
        Assert.Equal($"{Owner}:{Owner}", Run("stat", "-c", "%u:%g", Path.Combine(home, "config.toml")).Trim());
    }

    [Fact]
    public void Flipping_the_config_between_the_users_file_and_a_link_to_root_files_over_100_edits_leaks_and_locks_out_nothing()
    {
        if (!IsRoot)
        {
            return;
        }

        var (home, config, secret) = UserHomeAndRootSecret();
        // The home's owner flips config.toml between their own file and a link to root's secret, and replaces every
        // temporary file it sees with a link to the secret, in a bounded loop, while root edits.
        string stop = Path.Combine(tree.Root, "stop");
        string script = $$"""
            cd '{{home}}'
            for i in $(seq 1 200000); do
              [ -e '{{stop}}' ] && exit 0
              printf 'model = "user"\n' > .flip-file; chown {{Owner}}:{{Owner}} .flip-file
              ln -sfn '{{secret}}' .flip-link; chown -h {{Owner}}:{{Owner}} .flip-link
              mv -fT .flip-link config.toml
              for t in .config.toml.*.tmp; do [ -f "$t" ] && rm -f "$t" && ln -s '{{secret}}' "$t"; done
              mv -fT .flip-file config.toml
            done
            """;
        using Process helper = StartBash(script);
        int written = 0, refused = 0;
        try
        {
            for (int i = 0; i < 100; i++)
            {
                try
                {
                    SetModel(config, $"edit-{i}", backup: i % 10 == 0, force: true);
                    written++;
                }
                catch (CodexIssueException ex) when (ex.Issue.ErrorId is ErrorIds.ConfigLinkRefused or ErrorIds.ConfigChangedOnDisk)
                {
                    refused++;
                }
            }
        }
        finally
        {
            File.WriteAllText(stop, string.Empty);
            helper.WaitForExit(30_000);
        }

        Assert.Equal(100, written + refused);
        AssertRootSecretUntouched(secret);
        foreach (string file in Directory.GetFiles(home))
        {
            if (new FileInfo(file).LinkTarget is null)
            {
                Assert.DoesNotContain("ROOT-SECRET", File.ReadAllText(file));
                Assert.Equal($"{Owner}:{Owner}", Run("stat", "-c", "%u:%g", file).Trim());
            }
        }
    }

    [Fact]
    public void A_writer_that_appends_without_the_lock_loses_nothing_over_at_least_100_edits()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        // What a script or an editor does: append a line without any lock, 160 times, while edits run. With Force
        // the edit is applied again to the file with the new line; without it, ConfigChangedOnDisk. Never lost.
        string config = tree.Write("cfg/config.toml", "model = \"start\"\n");
        string stop = Path.Combine(tree.Root, "stop-appender");
        string script = $$"""
            for i in $(seq 1 160); do
              printf '# appended %d\n' "$i" >> '{{config}}'
              sleep 0.0$((RANDOM % 5 + 1))
            done
            touch '{{stop}}'
            """;
        using Process helper = StartBash(script);
        int edits = 0, refused = 0;
        while (edits < 100 || !File.Exists(stop))
        {
            try
            {
                SetModel(config, $"edit-{edits}", force: edits % 2 == 0);
            }
            catch (CodexIssueException ex) when (ex.Issue.ErrorId == ErrorIds.ConfigChangedOnDisk)
            {
                refused++;
            }

            edits++;
            Assert.True(edits < 100_000, "the appender never finished");
        }

        helper.WaitForExit(30_000);
        string text = File.ReadAllText(config);
        int[] lost = Enumerable.Range(1, 160).Where(i => !text.Contains($"# appended {i}\n")).ToArray();
        Assert.True(lost.Length == 0, $"lost {lost.Length} appended lines ({string.Join(", ", lost)}) in {edits} edits, {refused} refused");

        Assert.True(edits >= 100);
    }

    [Fact]
    public void A_writer_that_renames_a_new_file_into_place_without_the_lock_loses_nothing_over_at_least_100_edits()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        // What `codex mcp add` does (strace of 0.169.0: read config.toml, write a temporary file beside it and rename it
        // over config.toml, 0.6 ms from read to rename; no lock), 300 times with a pause of 5-15 ms between runs (a new
        // codex process takes far longer to start), each adding a table, while at least 150 edits run as long as it does. Its renames queue on the folder behind the edits' own
        // renames, so they land right after an edit's exchange: what it put in place must stay, and the edit is made
        // again on top of it. (Each instant is also played out one by one in ExchangeSettlementTests.)
        const int Renames = 300;
        string config = tree.Write("cfg/config.toml", "model = \"start\"\n");
        string folder = Path.GetDirectoryName(config)!;
        int renames = 0;
        var (edits, refused) = EditWhile(config, minimumEdits: 150, foreignWriter: () =>
        {
            var random = new Random(1234);
            for (int i = 1; i <= Renames; i++)
            {
                string theirs = Path.Combine(folder, $".tmp{random.Next():x8}");
                string text = File.ReadAllText(config) + $"\n[mcp_servers.renamed-{i}]\ncommand = \"echo\"\n";
                File.WriteAllText(theirs, text);
                File.Move(theirs, config, overwrite: true);
                renames = i;
                Thread.Sleep(random.Next(5, 16));
            }
        });

        int[] lost = LostTables(config, "renamed", renames);
        Assert.True(lost.Length == 0, $"lost {lost.Length} of {renames} renamed-in versions ({string.Join(", ", lost)}) in {edits} edits, {refused} refused");
        Assert.Equal(Renames, renames);
    }

    [Fact]
    public void A_writer_that_renames_its_version_in_the_instant_after_each_exchange_loses_nothing()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        // The fast interleave, aimed instead of waited for: the other writer reads config.toml, writes its version
        // beside it, watches the name until an edit's exchange puts a new file there, and renames its own over it at
        // once. 200 times, at least 100 edits, every edit hit. Its version must stay (the edit is made again on top).
        // Its next read waits 5-15 ms, as the next `codex mcp add` (a new process) does at the very least: a writer
        // that reads again within microseconds of its own rename can still lose that write in the one window no
        // lock-free writer can be protected from (see ExchangeCommit.SettleExchange).
        const int Renames = 200;
        string config = tree.Write("cfg/config.toml", "model = \"start\"\n");
        string folder = Path.GetDirectoryName(config)!;
        int renames = 0, aimed = 0;
        var (edits, refused) = EditWhile(config, minimumEdits: 100, foreignWriter: () =>
        {
            var random = new Random(4321);
            for (int i = 1; i <= Renames; i++)
            {
                string theirs = Path.Combine(folder, $".tmp-aimed-{i}");
                string text = File.ReadAllText(config) + $"\n[mcp_servers.aimed-{i}]\ncommand = \"echo\"\n";
                File.WriteAllText(theirs, text);
                Assert.True(UnixFileSystem.TryLStat(config, out UnixFileInfo seen));
                var waited = System.Diagnostics.Stopwatch.StartNew();
                while (UnixFileSystem.TryLStat(config, out UnixFileInfo now) && now.SameEntry(seen) && waited.ElapsedMilliseconds < 2000)
                {
                    Thread.Yield();
                }

                aimed += waited.ElapsedMilliseconds < 2000 ? 1 : 0;
                File.Move(theirs, config, overwrite: true);
                renames = i;
                Thread.Sleep(random.Next(5, 16));
            }
        });

        int[] lost = LostTables(config, "aimed", renames);
        Assert.True(lost.Length == 0, $"lost {lost.Length} of {renames} renamed-in versions ({string.Join(", ", lost.Take(20))}) in {edits} edits, {refused} refused, {aimed} aimed");
        Assert.Equal(Renames, renames);
        Assert.True(aimed >= Renames / 2, $"only {aimed} of {Renames} renames followed an exchange");
    }

    /// <summary>
    /// Edits config.toml (one in four without -Force, so some are refused as changed on disk) for as long as a foreign
    /// writer runs on its own thread, and at least <paramref name="minimumEdits"/> times.
    /// </summary>
    private static (int Edits, int Refused) EditWhile(string config, int minimumEdits, Action foreignWriter)
    {
        Exception? foreignFailed = null;
        var foreign = new Thread(() =>
        {
            try
            {
                foreignWriter();
            }
            catch (Exception ex)
            {
                foreignFailed = ex;
            }
        });
        foreign.Start();
        int edits = 0, refused = 0;
        while (edits < minimumEdits || foreign.IsAlive)
        {
            try
            {
                SetModel(config, $"edit-{edits}", force: edits % 4 != 0);
            }
            catch (CodexIssueException ex) when (ex.Issue.ErrorId == ErrorIds.ConfigChangedOnDisk)
            {
                refused++;
            }

            edits++;
        }

        foreign.Join();
        Assert.Null(foreignFailed);
        return (edits, refused);
    }

    /// <summary>The numbers 1..count whose [mcp_servers.PREFIX-N] table the foreign writer added and config.toml no longer has.</summary>
    private static int[] LostTables(string config, string prefix, int count)
    {
        string final = File.ReadAllText(config);
        return Enumerable.Range(1, count).Where(i => !final.Contains($"[mcp_servers.{prefix}-{i}]\n")).ToArray();
    }

    private static Process StartBash(string script)
    {
        var psi = new ProcessStartInfo("bash") { UseShellExecute = false, RedirectStandardError = true };
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add(script);
        return Process.Start(psi)!;
    }
}
