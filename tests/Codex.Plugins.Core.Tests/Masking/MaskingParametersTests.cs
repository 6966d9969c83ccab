using Codex.Plugins.Diagnostics;
using Codex.Plugins.Masking;
using Codex.Plugins.Masking.Detection;
using Codex.Plugins.Masking.Operators;
using Codex.Plugins.Tests.Support;

namespace Codex.Plugins.Tests.Masking;

public class MaskingParametersTests
{
    [Fact]
    public void Rules_are_detector_ids_or_kinds_in_any_case_and_allow_patterns_are_regular_expressions()
    {
        SecretScanOptions options = MaskingParameters.ScanOptions(new[] { "GITHUB-PAT" }, new[] { KeyStoreDetector.Kind }, new[] { "^ghp_test" }, new[] { "personaldata" }, new[] { DetectorCategory.Secret });
        Assert.Equal(new[] { "GITHUB-PAT" }, options.Rules);
        Assert.Equal(new[] { DetectorCategory.PersonalData }, options.Categories);
        Assert.Matches(Assert.Single(options.AllowPatterns), "ghp_test123");
        Assert.Equal(new[] { DetectorCategory.Secret }, MaskingParameters.ScanOptions(null, null, null, null, new[] { DetectorCategory.Secret }).Categories);

        var unknown = Assert.Throws<CodexIssueException>(() => MaskingParameters.ScanOptions(null, new[] { "no-such-rule" }, null, null, Array.Empty<DetectorCategory>()));
        Assert.Equal((ErrorIds.SecretRuleUnknown, "no-such-rule"), (unknown.Issue.ErrorId, unknown.Issue.Target));
        var pattern = Assert.Throws<CodexIssueException>(() => MaskingParameters.ScanOptions(null, null, new[] { "(" }, null, Array.Empty<DetectorCategory>()));
        Assert.Equal((ErrorIds.SecretRuleUnknown, "("), (pattern.Issue.ErrorId, pattern.Issue.Target));
    }

    [Fact]
    public void The_key_is_the_text_given_or_the_bytes_of_a_key_file_that_is_neither_empty_nor_missing()
    {
        using var t = new TempTree();
        Assert.Null(MaskingParameters.Key(null, null));
        Assert.Equal("k1"u8.ToArray(), MaskingParameters.Key("k1", t.Write("ignored.key", "other")));
        Assert.Equal("from file"u8.ToArray(), MaskingParameters.Key(null, t.Write("tag.key", "from file")));
        Assert.Equal(ErrorIds.MaskKeyInvalid, Assert.Throws<CodexIssueException>(() => MaskingParameters.Key(null, t.Write("empty.key", string.Empty))).Issue.ErrorId);
        var missing = Assert.Throws<CodexIssueException>(() => MaskingParameters.Key(null, Path.Combine(t.Root, "gone.key")));
        Assert.Equal((ErrorIds.MaskKeyInvalid, IssueKind.ReadError), (missing.Issue.ErrorId, missing.Issue.Kind));
    }

    [Fact]
    public void A_mapping_goes_with_placeholders_only_and_an_existing_one_is_extended()
    {
        using var t = new TempTree();
        string path = Path.Combine(t.Root, "map.json");
        Assert.Null(MaskingParameters.Mapping(MaskMode.Tag, null));
        Assert.Null(MaskingParameters.Mapping(MaskMode.Placeholder, path));
        Assert.Equal(ErrorIds.MaskMappingInvalid, Assert.Throws<CodexIssueException>(() => MaskingParameters.Mapping(MaskMode.Redact, path)).Issue.ErrorId);

        var masker = new SecretMasker(MaskMode.Placeholder, null, null);
        new DataProtector(new SecretScanner(SecretScanOptions.SecretsAndPersonalData), masker).ProtectValue("mail", "alice@example.com", MaskFormat.Text);
        masker.Map.Save(path);
        Assert.Equal(masker.Map.Count, MaskingParameters.Mapping(MaskMode.Placeholder, path)!.Count);
        Assert.Equal(ErrorIds.MaskMappingInvalid, Assert.Throws<CodexIssueException>(() => MaskingParameters.Mapping(MaskMode.Placeholder, t.Write("not-a-map.json", "[1,2"))).Issue.ErrorId);
    }
}
