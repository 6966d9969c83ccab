using System.Text;
using Codex.Plugins.Configuration;
using Codex.Plugins.Configuration.Editing;
using Codex.Plugins.Diagnostics;
using Codex.Plugins.Tests.Support;
using static Codex.Plugins.Tests.Support.Tool;

namespace Codex.Plugins.Tests.Editing;

/// <summary>ConfigEdit on the shapes Codex configurations take: what is written, and everything that is not.</summary>
public sealed class ConfigEditTests : IDisposable
{
    private readonly TempTree tree = new();

    public void Dispose() => tree.Dispose();

    private static string Edit(string text, Action<ConfigEditShim> change)
    {
        var shim = new ConfigEditShim(text);
        change(shim);
        // Whatever the edit, the result must parse as Codex reads files.
        TomlFileReader.ParseText(shim.Editor.Text, "test.toml");
        return shim.Editor.Text;
    }

    /// <summary>The in-memory editor under the same API as ConfigEdit, for text-only cases.</summary>
    private sealed class ConfigEditShim
    {
        public ConfigEditShim(string text) => Editor = new TomlTextEditor(text, "test.toml");

        public TomlTextEditor Editor { get; }

        public void Set(string key, TomlEditValue value) => Editor.Set(TomlKey.Split(key), value);

        public void Remove(string key) => Editor.Remove(TomlKey.Split(key));
    }

    [Fact]
    public void Replacing_a_value_keeps_its_comment_and_every_other_byte()
    {
        const string text = "# servers\r\n[mcp_servers.figma]   # design\r\nurl = 'https://x'  # keep\r\ndefault_tools_approval_mode = \"auto\" # why: team policy\r\n\r\n[mcp_servers.b]\r\ncommand = \"b\"";
        string result = Edit(text, e => e.Set("mcp_servers.figma.default_tools_approval_mode", "prompt"));
        Assert.Equal(text.Replace("\"auto\"", "\"prompt\"", StringComparison.Ordinal), result);
    }

    [Fact]
    public void A_new_key_goes_at_the_end_of_its_table_with_the_tables_indentation_and_line_ending()
    {
        const string text = "[mcp_servers.a]\r\n  command = \"a\"\r\n  # trailing comment of a\r\n\r\n[mcp_servers.b]\r\ncommand = \"b\"\r\n";
        string result = Edit(text, e => e.Set("mcp_servers.a.enabled_tools", new[] { "read", "search" }));
        Assert.Equal("[mcp_servers.a]\r\n  command = \"a\"\r\n  enabled_tools = [\"read\", \"search\"]\r\n  # trailing comment of a\r\n\r\n[mcp_servers.b]\r\ncommand = \"b\"\r\n", result);
    }

    [Fact]
    public void A_missing_table_is_created_as_a_standard_table_after_its_family()
    {
        const string text = "model = \"m\"\n\n[mcp_servers.a]\ncommand = \"a\"\n\n[mcp_servers.a.env]\nX = \"1\"\n\n[other]\nk = 1\n";
        string result = Edit(text, e => e.Set("mcp_servers.a.tools.search.approval_mode", "approve"));
        Assert.Equal("model = \"m\"\n\n[mcp_servers.a]\ncommand = \"a\"\n\n[mcp_servers.a.env]\nX = \"1\"\n\n[mcp_servers.a.tools.search]\napproval_mode = \"approve\"\n\n[other]\nk = 1\n", result);
    }

    [Fact]
    public void Quoted_keys_are_written_quoted_and_found_however_they_were_written()
    {
        string created = Edit("[plugins.'other@team']\nenabled = true\n", e => e.Set("plugins.\"github@team\".enabled", false));
        Assert.Equal("[plugins.'other@team']\nenabled = true\n\n[plugins.\"github@team\"]\nenabled = false\n", created);

        string replaced = Edit("[plugins.'github@team']\nenabled = true\n", e => e.Set("plugins.\"github@team\".enabled", false));
        Assert.Equal("[plugins.'github@team']\nenabled = false\n", replaced);
    }

    [Fact]
    public void Dotted_key_neighbours_get_a_dotted_key()
    {
        const string text = "[mcp_servers.a]\ncommand = \"a\"\ntools.read.approval_mode = \"approve\"\n";
        string result = Edit(text, e => e.Set("mcp_servers.a.tools.write.approval_mode", "prompt"));
        Assert.Equal(text + "tools.write.approval_mode = \"prompt\"\n", result);
    }

    [Fact]
    public void Inline_table_neighbours_get_an_inline_entry()
    {
        const string text = "[mcp_servers.a]\ncommand = \"a\"\ntools = { read = { approval_mode = \"approve\" } }\n";
        string result = Edit(text, e => e.Set("mcp_servers.a.tools.write.approval_mode", "prompt"));
        // Nested inline tables beside nested inline tables: one style on the line, not a dotted key among them.
        Assert.Equal("[mcp_servers.a]\ncommand = \"a\"\ntools = { read = { approval_mode = \"approve\" }, write = { approval_mode = \"prompt\" } }\n", result);

        string inServer = Edit("mcp_servers = { a = { command = \"a\" } }\n", e => e.Set("mcp_servers.a.default_tools_approval_mode", "writes"));
        Assert.Equal("mcp_servers = { a = { command = \"a\", default_tools_approval_mode = \"writes\" } }\n", inServer);
    }

    [Fact]
    public void A_file_without_a_final_newline_keeps_it_that_way_and_BOM_and_CRLF_survive()
    {
        string path = tree.Write("cfg/config.toml", "[mcp_servers.a]\r\ncommand = \"a\"", bom: true);
        ConfigEdit edit = ConfigEdit.Open(path);
        edit.Set("mcp_servers.a.default_tools_approval_mode", "prompt");
        edit.Commit();
        byte[] bytes = File.ReadAllBytes(path);
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        Assert.Equal("[mcp_servers.a]\r\ncommand = \"a\"\r\ndefault_tools_approval_mode = \"prompt\"", Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3));
    }

    [Fact]
    public void Removing_a_key_or_a_table_takes_only_its_lines()
    {
        const string text = "[hooks.state.\"/h/hooks.json:pre_tool_use:0:0\"]\ntrusted_hash = \"sha256:aa\" # approved\n\n# keep me\n[hooks.state.\"/h/other.json:stop:0:0\"]\ntrusted_hash = \"sha256:bb\"\n";
        string key = Edit(text, e => e.Remove("hooks.state.\"/h/hooks.json:pre_tool_use:0:0\".trusted_hash"));
        Assert.Equal("[hooks.state.\"/h/hooks.json:pre_tool_use:0:0\"]\n\n# keep me\n[hooks.state.\"/h/other.json:stop:0:0\"]\ntrusted_hash = \"sha256:bb\"\n", key);

        string table = Edit(text, e => e.Remove("hooks.state.\"/h/hooks.json:pre_tool_use:0:0\""));
        Assert.Equal("\n# keep me\n[hooks.state.\"/h/other.json:stop:0:0\"]\ntrusted_hash = \"sha256:bb\"\n", table);

        string inline = Edit("a = { x = 1, y = 2, z = 3 }\n", e => e.Remove("a.y"));
        Assert.Equal("a = { x = 1, z = 3 }\n", inline);
        string last = Edit("a = { x = 1, y = 2 }\n", e => e.Remove("a.y"));
        Assert.Equal("a = { x = 1 }\n", last);
    }

    [Fact]
    public void Strings_are_written_as_TOML_1_0_basic_strings()
    {
        string result = Edit(string.Empty, e => e.Set("a.b", "tab\there \"q\" \\ \u0001 \u007f é"));
        Assert.Equal("[a]\nb = \"tab\\there \\\"q\\\" \\\\ \\u0001 \\u007F é\"\n", result);
        Assert.Equal("tab\there \"q\" \\ \u0001 \u007f é", TomlFileReader.ParseText(result, "x").Root.Table("a")!.String("b"));
    }

    [Fact]
    public void Keys_under_an_array_of_tables_or_a_value_are_refused_with_their_location()
    {
        var ex = Assert.Throws<CodexIssueException>(() => Edit("[[a]]\nx = 1\n", e => e.Set("a.y", 1L)));
        Assert.Equal(ErrorIds.ConfigEditUnsupported, ex.Issue.ErrorId);
        Assert.Equal(1, ex.Issue.Line);
        var value = Assert.Throws<CodexIssueException>(() => Edit("\n\na = 1\n", e => e.Set("a.b", 1L)));
        Assert.Equal(3, value.Issue.Line);
    }

    [Fact]
    public void A_change_on_disk_after_the_read_is_refused_and_Force_reapplies_on_the_new_text()
    {
        string path = tree.Write("cfg/config.toml", "[mcp_servers.a]\ncommand = \"a\"\n");
        ConfigEdit edit = ConfigEdit.Open(path);
        edit.Set("mcp_servers.a.default_tools_approval_mode", "prompt");
        File.AppendAllText(path, "\n[mcp_servers.b]\ncommand = \"b\"\n");
        string other = File.ReadAllText(path);

        var ex = Assert.Throws<CodexIssueException>(() => edit.Commit());
        Assert.Equal(ErrorIds.ConfigChangedOnDisk, ex.Issue.ErrorId);
        Assert.Equal(other, File.ReadAllText(path));

        ConfigEditResult result = edit.Commit(new ConfigEditOptions { Force = true });
        Assert.True(result.Retried);
        Assert.Equal("[mcp_servers.a]\ncommand = \"a\"\ndefault_tools_approval_mode = \"prompt\"\n\n[mcp_servers.b]\ncommand = \"b\"\n", File.ReadAllText(path));
    }

    [Fact]
    public void The_basis_read_earlier_counts_as_the_read()
    {
        string path = tree.Write("cfg/config.toml", "a = 1\n");
        TomlFile basis = TomlFileReader.Read(path);
        File.WriteAllText(path, "a = 2\n");
        Assert.Equal(ErrorIds.ConfigChangedOnDisk, Assert.Throws<CodexIssueException>(() => ConfigEdit.Open(path, basis)).Issue.ErrorId);
        Assert.Equal("a = 2\n", ConfigEdit.Open(path, basis, force: true).OriginalText);

        File.Delete(path);
        Assert.Equal(ErrorIds.ConfigChangedOnDisk, Assert.Throws<CodexIssueException>(() => ConfigEdit.Open(path, basis)).Issue.ErrorId);
        Assert.False(ConfigEdit.Open(path, basis, force: true).FileExists);
    }

    [Fact]
    public void Backup_keeps_the_previous_version_and_mode_is_kept()
    {
        string path = tree.Write("cfg/config.toml", "a = 1\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        ConfigEdit edit = ConfigEdit.Open(path);
        edit.Set("a", 2L);
        ConfigEditResult result = edit.Commit(new ConfigEditOptions { Backup = true });
        Assert.Equal("a = 1\n", File.ReadAllText(result.BackupPath!));
        Assert.Equal("a = 2\n", File.ReadAllText(path));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        }

        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(path)!, "*.tmp"));
    }

    [Fact]
    public void An_administrator_edit_keeps_the_files_owner()
    {
        // Only root can give a file away; elsewhere the writer owns what it writes, as it owned the file.
        if (OperatingSystem.IsWindows() || Run("id", "-u").Trim() != "0")
        {
            return;
        }

        string path = tree.Write("cfg/config.toml", "a = 1\n");
        Run("chown", "4242:4343", path);
        ConfigEdit edit = ConfigEdit.Open(path);
        edit.Set("a", 2L);
        edit.Commit();
        Assert.Equal("a = 2\n", File.ReadAllText(path));
        Assert.Equal("4242:4343", Run("stat", "-c", "%u:%g", path).Trim());
    }

    [Fact]
    public void A_locked_file_times_out_with_ConfigLocked_and_is_untouched()
    {
        string path = tree.Write("cfg/config.toml", "a = 1\n");
        using (ConfigFileLock.Acquire(path, TimeSpan.FromSeconds(1)))
        {
            ConfigEdit edit = ConfigEdit.Open(path);
            edit.Set("a", 2L);
            var ex = Assert.Throws<CodexIssueException>(() => edit.Commit(new ConfigEditOptions { LockTimeout = TimeSpan.FromMilliseconds(200) }));
            Assert.Equal(ErrorIds.ConfigLocked, ex.Issue.ErrorId);
        }

        Assert.Equal("a = 1\n", File.ReadAllText(path));
    }

    [Fact]
    public void A_read_only_file_is_refused()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        string path = tree.Write("cfg/config.toml", "a = 1\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.GroupRead);
        ConfigEdit edit = ConfigEdit.Open(path);
        edit.Set("a", 2L);
        Assert.Equal(ErrorIds.ConfigReadOnly, Assert.Throws<CodexIssueException>(() => edit.Commit()).Issue.ErrorId);
        Assert.Equal("a = 1\n", File.ReadAllText(path));
    }

    [Fact]
    public void Diff_is_unified_with_context()
    {
        string path = tree.Write("cfg/config.toml", "a = 1\nb = 2\nc = 3\nd = 4\ne = 5\nf = 6\n");
        ConfigEdit edit = ConfigEdit.Open(path);
        edit.Set("d", 40L);
        string diff = edit.Diff();
        Assert.Equal($"--- {path}\n+++ {path}\n@@ -1,6 +1,6 @@\n a = 1\n b = 2\n c = 3\n-d = 4\n+d = 40\n e = 5\n f = 6\n", diff);
    }

    [Fact]
    public void Diff_numbers_lines_in_a_long_file_and_marks_a_missing_final_newline()
    {
        string old = string.Concat(Enumerable.Range(1, 100).Select(i => $"k{i} = {i}\n"));
        string changed = old.Replace("k50 = 50\n", "k50 = 5000\n", StringComparison.Ordinal);
        Assert.Equal("--- f\n+++ f\n@@ -47,7 +47,7 @@\n k47 = 47\n k48 = 48\n k49 = 49\n-k50 = 50\n+k50 = 5000\n k51 = 51\n k52 = 52\n k53 = 53\n", UnifiedDiff.Create(old, changed, "f"));

        Assert.Equal("--- f\n+++ f\n@@ -0,0 +1,2 @@\n+[a]\n+b = 1\n", UnifiedDiff.Create(string.Empty, "[a]\nb = 1\n", "f"));
        Assert.Equal("--- f\n+++ f\n@@ -1,2 +1,3 @@\n a = 1\n-b = 2\n\\ No newline at end of file\n+b = 2\n+c = 3\n\\ No newline at end of file\n",
            UnifiedDiff.Create("a = 1\nb = 2", "a = 1\nb = 2\nc = 3", "f"));
    }

    [Fact]
    public void Overrides_in_higher_layers_are_named_with_file_and_line()
    {
        tree.WriteUserConfig("[mcp_servers.a]\ncommand = \"a\"\n");
        string managed = tree.Write("etc-codex/managed_config.toml", "\n[mcp_servers.a]\ndefault_tools_approval_mode = \"prompt\"\n");
        ConfigStack stack = tree.Load();
        IReadOnlyList<CodexIssue> found = ConfigOverrides.Find(stack, stack.Environment.UserConfigPath,
            new[] { new[] { "mcp_servers", "a", "default_tools_approval_mode" }, new[] { "mcp_servers", "a", "enabled_tools" } });
        CodexIssue issue = Assert.Single(found);
        Assert.Equal(ErrorIds.ConfigKeyOverridden, issue.ErrorId);
        Assert.Equal(managed, issue.File);
        Assert.Equal(3, issue.Line);
    }
}
