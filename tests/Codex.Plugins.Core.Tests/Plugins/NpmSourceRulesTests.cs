using Codex.Plugins.Marketplaces;

namespace Codex.Plugins.Tests.Plugins;

/// <summary>The cases codex 0.169.0 and 0.171.0 were seen to list or skip; Plugins.Compat holds them against both binaries.</summary>
public class NpmSourceRulesTests
{
    [Theory]
    [InlineData("codex-kit", true)]
    [InlineData("UPPER", true)]
    [InlineData("@scope/name", true)]
    [InlineData("@_s/x", true)]
    [InlineData("-x", true)]
    [InlineData("x.", true)]
    [InlineData("../evil", false)]
    [InlineData("a/b", false)]
    [InlineData("@scope", false)]
    [InlineData("@scope/name/extra", false)]
    [InlineData(".hidden", false)]
    [InlineData("_x", false)]
    [InlineData("x@1.0.0", false)]
    [InlineData("a b", false)]
    [InlineData("ü", false)]
    public void Package_names(string package, bool listed) => Assert.Equal(listed, NpmSourceRules.PackageProblem(package) is null);

    [Theory]
    [InlineData("1.2.0", true)]
    [InlineData("^1.0.0", true)]
    [InlineData(">=1 <2 || 3.x", true)]
    [InlineData("latest", true)]
    [InlineData("..x", true)]
    [InlineData("", false)]
    [InlineData(".", false)]
    [InlineData("..", false)]
    [InlineData("file:../x", false)]
    [InlineData("x/y", false)]
    [InlineData("a\\b", false)]
    public void Versions(string version, bool listed) => Assert.Equal(listed, NpmSourceRules.VersionProblem(version) is null);

    [Theory]
    [InlineData("https://registry.npmjs.org", true)]
    [InlineData("HTTPS://r.example:8443/path/", true)]
    [InlineData("https:///r.example", true)]
    [InlineData("https:r.example", true)]
    [InlineData("https://[::1]/", true)]
    [InlineData("https://:@r.example/", true)]
    [InlineData("https://-r.example./", true)]
    [InlineData("https://ü.example/", true)]
    [InlineData("http://localhost:4873/", false)]
    [InlineData("https://user@r.example/", false)]
    [InlineData("https://u:p@r.example/", false)]
    [InlineData("https://r.example/?", false)]
    [InlineData("https://r.example/#x", false)]
    [InlineData("https://", false)]
    [InlineData("registry.npmjs.org", false)]
    [InlineData("https://r.example:99999/", false)]
    [InlineData("https://r ex/", false)]
    public void Registries(string registry, bool listed) => Assert.Equal(listed, NpmSourceRules.RegistryProblem(registry) is null);
}
