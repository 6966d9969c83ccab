using Codex.Plugins.Configuration;
using Codex.Plugins.Masking;

namespace Codex.Plugins.Tests.Configuration;

public class TomlKeyTests
{
    [Theory]
    [InlineData("plugins.\"github@team\".enabled", new[] { "plugins", "github@team", "enabled" })]
    [InlineData("a.b", new[] { "a", "b" })]
    [InlineData("projects.'/home/me/x'.trust_level", new[] { "projects", "/home/me/x", "trust_level" })]
    public void Split_and_join_round_trip(string dotted, string[] segments)
    {
        Assert.Equal(segments, TomlKey.Split(dotted));
        Assert.Equal(segments, TomlKey.Split(TomlKey.Join(segments)));
    }

    [Theory]
    [InlineData(new[] { "mcp_servers", "s", "env", "API_KEY" }, true)]
    [InlineData(new[] { "mcp_servers", "s", "http_headers", "X-Region" }, true)]
    [InlineData(new[] { "model_providers", "p", "experimental_bearer_token" }, true)]
    [InlineData(new[] { "mcp_servers", "s", "bearer_token_env_var" }, false)]
    [InlineData(new[] { "mcp_servers", "s", "env_http_headers", "Authorization" }, false)]
    [InlineData(new[] { "mcp_servers", "s", "command" }, false)]
    public void Secret_paths_are_values_not_names(string[] path, bool secret)
    {
        Assert.Equal(secret, SecretPaths.IsSecret(path));
    }

    [Theory]
    [InlineData("model_providers", "model_providers.openai.base_url", true)]
    [InlineData("plugins.\"github@team\"", "plugins.\"github@team\".enabled", true)]
    [InlineData("plugins.'github@team'.enabled", "plugins.\"github@team\".enabled", true)]
    [InlineData("model", "model", true)]
    [InlineData("model", "model_provider", false)]
    [InlineData("mcp_servers.a", "mcp_servers.ab.command", false)]
    public void A_key_as_typed_covers_itself_and_the_keys_under_it(string wanted, string key, bool covered) =>
        Assert.Equal(covered, TomlKey.Covers(wanted, key));
}
