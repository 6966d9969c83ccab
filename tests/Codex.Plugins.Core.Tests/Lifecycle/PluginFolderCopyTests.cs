using System.Diagnostics;
using Codex.Plugins.Plugins.Lifecycle;
using Codex.Plugins.Tests.Support;
using static Codex.Plugins.Tests.Support.Tool;

namespace Codex.Plugins.Tests.Lifecycle;

/// <summary>
/// Install-CodexPlugin run by root copies a plugin folder its owner controls into the cache, where the owner reads it.
/// The owner swaps a file and a folder of the plugin for links to root-only places while the copies run (a helper
/// process, a bounded loop): no copy may ever hold what only root could read.
/// </summary>
public sealed class PluginFolderCopyTests : IDisposable
{
    private readonly TempTree tree = new();

    public void Dispose() => tree.Dispose();

    [Fact]
    public void Swapping_plugin_files_and_folders_for_links_during_200_copies_copies_nothing_of_roots()
    {
        if (!OperatingSystem.IsLinux() || Run("id", "-u").Trim() != "0")
        {
            return;
        }

        // Root-only: a folder of mode 0700 whose files are 0644 (readable only through root's folder).
        string rootOnly = tree.Dir("root-only");
        tree.Write("root-only/inner.txt", "ROOT-SECRET-DIR\n");
        string secret = tree.Write("root-only/secret.txt", "ROOT-SECRET-FILE\n");
        Run("chmod", "0700", rootOnly);

        string source = tree.Dir("victim/market/plugins/p");
        tree.Write("victim/market/plugins/p/.codex-plugin/plugin.json", "{\"name\":\"p\",\"version\":\"1.0.0\"}");
        tree.Write("victim/market/plugins/p/notes.txt", "plain notes\n");
        tree.Write("victim/market/plugins/p/skills/ok.txt", "ok\n");
        string stop = Path.Combine(tree.Root, "stop");
        // The owner's loop: notes.txt and skills/ become links to root's file and folder, and back, as fast as it goes.
        string helper = """
            chdir $ARGV[0] or die; my ($secret, $rootdir, $stop) = @ARGV[1..3]; $| = 1; print "started\n";
            for my $i (0 .. 1999999) {
                last if $i % 1000 == 0 && -e $stop;
                rename('notes.txt', 'notes.real'); symlink($secret, 'notes.txt');
                rename('skills', 'skills.real'); symlink($rootdir, 'skills');
                unlink('notes.txt'); rename('notes.real', 'notes.txt');
                unlink('skills'); rename('skills.real', 'skills');
            }
            """;
        var psi = new ProcessStartInfo("perl") { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (string a in new[] { "-e", helper, source, secret, rootOnly, stop })
        {
            psi.ArgumentList.Add(a);
        }

        using Process flipper = Process.Start(psi)!;
        Assert.Equal("started", flipper.StandardOutput.ReadLine());
        int copies = 0, failed = 0, leaked = 0;
        try
        {
            for (int i = 0; i < 200; i++)
            {
                string target = Path.Combine(tree.Root, "cache", i.ToString());
                try
                {
                    PluginFolder.Copy(source, target);
                    copies++;
                }
                catch (IOException)
                {
                    // An entry that vanished mid-copy may fail a copy; it must never leak.
                    failed++;
                }

                if (Directory.Exists(target) && Directory.EnumerateFiles(target, "*", SearchOption.AllDirectories)
                        .Any(f => File.ReadAllText(f).Contains("ROOT-SECRET", StringComparison.Ordinal)))
                {
                    leaked++;
                }
            }
        }
        finally
        {
            File.WriteAllText(stop, string.Empty);
            flipper.WaitForExit(30_000);
        }

        Assert.False(flipper.HasExited && flipper.ExitCode != 0, "the helper failed: " + flipper.StandardError.ReadToEnd());
        Console.WriteLine($"plugin copy race: {copies} copies, {failed} failed, {leaked} leaked");
        Assert.Equal(0, leaked);
        Assert.True(copies >= 100, $"only {copies} copies completed ({failed} failed)");
    }

    [Fact]
    public async Task A_fifo_in_a_plugin_folder_is_left_out_of_the_copy_instead_of_blocking_it()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        string source = tree.Dir("victim/market/plugins/q");
        tree.Write("victim/market/plugins/q/.codex-plugin/plugin.json", "{\"name\":\"q\",\"version\":\"1.0.0\"}");
        string fifo = Path.Combine(source, "skills", "pipe.md");
        Directory.CreateDirectory(Path.GetDirectoryName(fifo)!);
        Assert.Equal(string.Empty, Run("mkfifo", fifo));
        string target = Path.Combine(tree.Root, "cache", "q");

        Task copy = Task.Run(() => PluginFolder.Copy(source, target));
        bool returned = await Task.WhenAny(copy, Task.Delay(TimeSpan.FromSeconds(30))) == copy;
        if (!returned)
        {
            // Free the blocked open so the test process is not left with a stuck thread.
            using var unblock = new FileStream(fifo, FileMode.Open, FileAccess.Write);
        }

        Assert.True(returned, "the copy waited on a FIFO in the plugin folder");
        await copy;
        // Folders and regular files only, as codex copies them: the FIFO is left out, the manifest is there.
        Assert.True(File.Exists(Path.Combine(target, ".codex-plugin", "plugin.json")));
        Assert.False(Path.Exists(Path.Combine(target, "skills", "pipe.md")));
    }
}
