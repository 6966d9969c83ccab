using Codex.Plugins.Hooks;

namespace Codex.Plugins.Tests.Hooks;

public class HookTrustHashTests
{
    // Hashes reported by codex 0.169.0's app-server (hooks/list currentHash) for these definitions. The compat suite
    // (tests/compat/Hooks.Compat.Tests.ps1) recomputes such pairs against the live binary; these keep the algorithm
    // honest where the binary is not installed.
    [Theory]
    [InlineData("PreToolUse", "^Bash$", "echo hi", 30L, false, "s", null, "sha256:17b1b23cc562d642c3b38db152276c19db0fa617de152a7417437625c9f85d34")]
    [InlineData("PreToolUse", "^Bash$", "echo two", null, false, null, null, "sha256:6c19e3a963ef1737e1f5b3fe6ac99ce4203b3b566ca7c04f6c44f2f0f7aad50a")]
    [InlineData("PreModelRequest", null, "echo pm", null, false, null, null, "sha256:cd34399af885b918fb9de46bf28e1a6d75715d184604077a53bb14e628a74cc4")]
    [InlineData("SessionEnd", null, "echo end", null, false, null, null, "sha256:45850818ac37352c413a1b5998816007fb7be904214afb35e02f4b66d14c787a")]
    [InlineData("PostToolUse", "Edit|Write", "echo post", null, true, null, null, "sha256:10e2a16efa8c72e3290dd7d5ab240249f80bea74a95d894cb62fb7df940c99db")]
    [InlineData("PreToolUse", "*", "echo é\u0001\t\"x\" </>", 0L, false, null, 0L, "sha256:1e975649d7d6a06256f67f0f616c8ca2354ab7c180373913a3e433c17a31545b")]
    [InlineData("SessionEnd", null, "echo end", 10L, false, null, null, "sha256:84be7971dba2dbb128add226e0537c753853bf675df8efb85a5dcbb611374b4f")]
    [InlineData("SessionStart", "startup|resume", "echo ss", null, false, "hello", null, "sha256:4a2abe50a5edaba7513e500b4ab0d90e8c21f380e7d4594ac262bcb34317dc18")]
    [InlineData("Interrupt", "x", "echo int", null, false, null, null, "sha256:6b89a2afec063e62643cbe5c88a99575a94d1cdc30dd20ee7ee13ad24d1fbbfe")]
    [InlineData("Stop", "^done", "echo stop", null, false, null, 100L, "sha256:236335e9e512004a0f5f42af65a07ea9059bd9a23dbb68286ed57fecf2b69ddf")]
    [InlineData("PreToolUse", null, "echo 8", null, false, null, 2500L, "sha256:4cabbc13d41d854dc18a09f0abed722df49366c47e9c26df20608e8610bae632")]
    [InlineData("SessionEnd", "m4", "echo 4", 2L, true, null, null, "sha256:106728cce0a8917309347047d6cb60f6ebf4910647f49fa54ec58b5457c02947")]
    public void Reproduces_the_hashes_codex_reports(string eventName, string? matcher, string command, long? timeout, bool isAsync, string? status, long? limit, string expected)
    {
        Assert.Equal(expected, HookTrustHash.ForCommand(eventName, matcher, command, timeout, isAsync, status, limit));
    }

    [Fact]
    public void Effective_and_configured_values_hash_the_same()
    {
        // Codex hashes the normalized definition, so an explicit default equals an absent value.
        Assert.Equal(HookTrustHash.ForCommand("Stop", null, "x", null, false, null, null), HookTrustHash.ForCommand("stop", null, "x", 600, false, null, null));
        Assert.Equal(HookTrustHash.ForCommand("Stop", null, "x", null, false, null, null), HookTrustHash.ForCommand("Stop", "ignored", "x", null, false, null, null));
        Assert.NotEqual(HookTrustHash.ForCommand("PreToolUse", null, "x", null, false, null, null), HookTrustHash.ForCommand("PreToolUse", "Bash", "x", null, false, null, null));
        Assert.NotEqual(HookTrustHash.ForCommand("PreToolUse", null, "x", null, false, null, null), HookTrustHash.ForCommand("PreToolUse", null, "x ", null, false, null, null));
    }

    [Fact]
    public void Unknown_events_are_refused()
    {
        Assert.Throws<ArgumentException>(() => HookTrustHash.ForCommand("BeforeTool", null, "x", null, false, null, null));
    }

    [Theory]
    [InlineData(null, "Bash", true)]
    [InlineData("", "anything", true)]
    [InlineData("*", "Edit", true)]
    [InlineData("Bash", "Bash", true)]
    [InlineData("Bash", "BashOutput", false)]
    [InlineData("Edit|Write", "Write", true)]
    [InlineData("mcp__memory", "mcp__memory__create_entities", false)]
    [InlineData("mcp__memory__.*", "mcp__memory__create_entities", true)]
    [InlineData("^Bash", "BashOutput", true)]
    [InlineData("^Bash$", "BashOutput", false)]
    [InlineData("[", "Bash", false)]
    public void Matchers_follow_codex_rules(string? matcher, string name, bool expected)
    {
        Assert.Equal(expected, HookMatcher.Matches(matcher, new[] { name }));
    }

    [Fact]
    public void Regex_features_codex_lacks_are_invalid()
    {
        Assert.NotNull(HookMatcher.Validate("["));
        Assert.NotNull(HookMatcher.Validate("(?=Bash)B"));
        Assert.NotNull(HookMatcher.Validate("(a)\\1"));
        Assert.Null(HookMatcher.Validate("^(Bash|Edit)$"));
    }
}
