using Codex.Plugins.Configuration.Editing;
using Codex.Plugins.Tests.Support;

namespace Codex.Plugins.Tests.Editing;

public class DiffMaskTests
{
    private const string Config = """
        [mcp_servers.api]
        url = "https://api.example.com/mcp"
        http_headers = { Authorization = "Bearer abcdef0123456789abcdef", "X-Region" = "eu" }

        [mcp_servers.db]
        command = "pg-mcp"
        env = { DATABASE_URL = "postgresql://app:hunter22secret@db/app", LOG = "debug" }

        [mcp_servers.db.env_more]
        note = "plain"

        [mcp_servers.keys.env]
        OPENAI_API_KEY = "sk-proj-abcdefghijklmnop1234"
        REGION = "eu-west-1"
        """;

    [Fact]
    public void A_preview_masks_secrets_in_context_and_changed_lines_and_keeps_everything_else()
    {
        using var tree = new TempTree();
        string path = tree.WriteUserConfig(Config.Replace("\r\n", "\n") + "\n");
        ConfigEdit edit = ConfigEdit.Open(path);
        int mark = edit.Checkpoint();
        edit.Set(new[] { "mcp_servers", "api", "default_tools_approval_mode" }, TomlEditValue.String("prompt"));
        edit.Set(new[] { "mcp_servers", "db", "default_tools_approval_mode" }, TomlEditValue.String("prompt"));
        edit.Set(new[] { "mcp_servers", "keys", "env", "GITHUB_TOKEN" }, TomlEditValue.String("ghp_abcdefghijklmnopqrstuvwxyz0123456789"));
        string diff = edit.DiffSince(mark);

        Assert.DoesNotContain("abcdef0123456789", diff);
        Assert.DoesNotContain("hunter22secret", diff);
        Assert.DoesNotContain("sk-proj-abcdefghijklmnop1234", diff);
        Assert.DoesNotContain("ghp_abcdefghijklmnopqrstuvwxyz", diff);
        Assert.Contains("env = { DATABASE_URL = \"*****\", LOG = \"*****\" }", diff);
        Assert.Contains("+GITHUB_TOKEN = \"*****\"", diff);
        Assert.Contains(" url = \"https://api.example.com/mcp\"", diff);
        Assert.Contains(" command = \"pg-mcp\"", diff);
        Assert.Contains("+default_tools_approval_mode = \"prompt\"", diff);
        Assert.DoesNotContain("abcdef0123456789", edit.Diff());
    }

    [Fact]
    public void A_change_of_a_secret_value_is_still_a_change_though_both_sides_are_masked()
    {
        using var tree = new TempTree();
        string path = tree.WriteUserConfig("[mcp_servers.s.env]\nAPI_TOKEN = \"old-value-123\"\n");
        ConfigEdit edit = ConfigEdit.Open(path);
        edit.Set(new[] { "mcp_servers", "s", "env", "API_TOKEN" }, TomlEditValue.String("new-value-456"));
        string diff = edit.Diff();
        Assert.Contains("-API_TOKEN = \"*****\"", diff);
        Assert.Contains("+API_TOKEN = \"*****\"", diff);
        Assert.DoesNotContain("value-", diff);
    }
}

public class NeighbourStyleTests
{
    [Theory]
    [InlineData(
        "[mcp_servers.s]\ncommand = \"x\"\ntools = { search = { approval_mode = \"approve\" } }\n",
        "[mcp_servers.s]\ncommand = \"x\"\ntools = { search = { approval_mode = \"approve\" }, write = { approval_mode = \"prompt\" } }\n")]
    [InlineData(
        "[mcp_servers.s]\ncommand = \"x\"\ntools = { search.approval_mode = \"approve\" }\n",
        "[mcp_servers.s]\ncommand = \"x\"\ntools = { search.approval_mode = \"approve\", write.approval_mode = \"prompt\" }\n")]
    public void A_new_table_inside_an_inline_table_is_written_the_way_its_neighbours_are(string before, string after)
    {
        using var tree = new Support.TempTree();
        string path = tree.WriteUserConfig(before);
        ConfigEdit edit = ConfigEdit.Open(path);
        edit.Set(new[] { "mcp_servers", "s", "tools", "write", "approval_mode" }, TomlEditValue.String("prompt"));
        Assert.Equal(after, edit.Text);
    }
}
