using System.Text.RegularExpressions;
using static Codex.Plugins.Masking.Detection.DetectorShapes;

namespace Codex.Plugins.Masking.Detection;

/// <summary>Source control and package registries: GitHub, GitLab, Bitbucket, npm, PyPI, NuGet, RubyGems, Docker.</summary>
internal static class SourceControlDetectors
{
    public static IEnumerable<SecretDetector> All() => new SecretDetector[]
    {
        // Source control and package registries. GitHub's prefixes are distinctive enough to find glued to a word
        // (a tool named lookup-ghp_..., mcp__gh__ghp_...), so only a letter or digit before them keeps them out.
        Token("github-pat", "GITHUB_TOKEN", GluedStart + @"(?<secret>ghp_[0-9a-zA-Z]{36})" + End, "ghp_"),
        Token("github-oauth", "GITHUB_TOKEN", GluedStart + @"(?<secret>gho_[0-9a-zA-Z]{36})" + End, "gho_"),
        // Installation tokens also come in the longer form ghs_<id part>_<body> of GitHub's 2025 token format.
        Token("github-app-token", "GITHUB_TOKEN", GluedStart + @"(?<secret>(?:ghu|ghs)_(?:[0-9a-zA-Z]{36}|\d+_[A-Za-z0-9._\-]{20,}|[0-9a-zA-Z]{6,20}_[0-9a-zA-Z_]{60,240}))" + End, "ghu_", "ghs_"),
        Token("github-refresh-token", "GITHUB_TOKEN", GluedStart + @"(?<secret>ghr_[0-9a-zA-Z]{36,76})" + End, "ghr_"),
        Token("github-fine-grained-pat", "GITHUB_TOKEN", GluedStart + @"(?<secret>github_pat_\w{82})" + End, "github_pat_"),
        new()
        {
            Reach = (80, 32), Id = "github-token-in-url", Kind = "GITHUB_TOKEN", Keywords = new[] { "x-oauth-basic" }, Priority = 60,
            Pattern = R(@"://(?<secret>[A-Za-z0-9_]{20,}):x-oauth-basic@"),
        },
        // Every prefix of GitLab's token list (docs.gitlab.com security/tokens), routable tokens with their
        // .<2+7> suffix included; random bodies, so little entropy means a sample (GR1348941 + 123123…).
        Token("gitlab-token", "GITLAB_TOKEN", Start + @"(?<secret>(?:glpat|gldt|glrt|glptt|glcbt|glft|glffct|gloas|glsoat|glimt|glagent|gltst|glwt)-[\w\-]{20,300}(?:\.[0-9a-z]{9})?|GR1348941[\w\-]{20})" + End, "glpat-", "gldt-", "glrt-", "glptt-", "glcbt-", "glft-", "glffct-", "gloas-", "glsoat-", "glimt-", "glagent-", "gltst-", "glwt-", "GR1348941") with { MinEntropy = 3.0 },
        new()
        {
            Reach = (16, 48), Id = "gitlab-session-cookie", Kind = "GITLAB_TOKEN", Keywords = new[] { "_gitlab_session=" }, MinEntropy = 3.0,
            Pattern = R(@"_gitlab_session=(?<secret>[0-9a-z]{32})(?![0-9A-Za-z])"),
        },
        Token("bitbucket-app-password", "BITBUCKET_TOKEN", Start + @"(?<secret>ATBB[A-Za-z0-9_=.\-]{32})" + End, "ATBB"),
        Token("npm-token", "NPM_TOKEN", Start + @"(?<secret>npm_[A-Za-z0-9]{36})" + End, "npm_"),
        new()
        {
            Reach = (16, 300), Id = "npmrc-auth-token", Kind = "NPM_TOKEN", Keywords = new[] { "_authToken", "_auth", "_password" }, Priority = 60,
            Pattern = R(@"(?im)(?:^|[:\s""'])(?:_authToken|_auth|_password)[""']?[ \t]*[=:][ \t]*[""']?(?<secret>[^\s""']{8,})"),
        },
        Token("pypi-token", "PYPI_TOKEN", Start + @"(?<secret>pypi-(?:AgEIcHlwaS5vcmc|AgENdGVzdC5weXBpLm9yZw)[\w\-]{50,1000})" + End, "pypi-"),
        new()
        {
            Reach = (40, 200), Id = "nuget-config-password", Kind = "NUGET_PASSWORD", Keywords = new[] { "Password" }, Priority = 60,
            Pattern = R(@"(?i)<add\s+key=""(?:ClearText)?Password""\s+value=""(?<secret>[^""]{4,})"""),
        },
        new()
        {
            Reach = (80, 300), Id = "app-setting-secret", Kind = "SECRET", Keywords = new[] { "<add" }, Priority = 62, Generic = true, Confidence = FindingConfidence.Medium,
            Pattern = R(@"(?i)<add\s+key\s*=\s*""[^""\n]{0,40}?(?:passw(?:or)?d|pwd|secret|token|api[_\-]?key|access[_\-]?key|credential)[^""\n]{0,40}""\s+value\s*=\s*""(?<secret>[^""\n]{4,200})"""),
        },
        Token("rubygems-token", "RUBYGEMS_TOKEN", Start + @"(?<secret>rubygems_[a-f0-9]{48})" + End, "rubygems_"),
        Token("docker-pat", "DOCKER_TOKEN", Start + @"(?<secret>dckr_pat_[A-Za-z0-9_\-]{27,})" + End, "dckr_pat_"),
    };
}
