using System.Text;
using Codex.Plugins.Configuration.Editing;
using Codex.Plugins.Tests.Support;

namespace Codex.Plugins.Tests.Editing;

/// <summary>
/// The instants after the writer has swapped its new version in by renameat2(RENAME_EXCHANGE), played out one by one.
/// A writer that takes no lock (`codex mcp add`: read, write a temporary file, rename it over config.toml) may rename
/// its file onto config.toml at any of them; the version it put there must never be taken out and deleted. These are
/// the interleavings that lost 2 to 23 of 60 `codex mcp add` servers in the compat race (tests/compat/Hardening).
/// </summary>
public sealed class ExchangeSettlementTests : IDisposable
{
    private const string Basis = "model = \"basis\"\n";
    private const string Ours = "model = \"ours\"\n";
    private readonly TempTree tree = new();

    public void Dispose() => tree.Dispose();

    /// <summary>config.toml holding the basis, our version beside it, and the identities the writer knows them by; null where there is no exchange.</summary>
    private (string Target, string Temp, UnixFileInfo Basis, UnixFileInfo Written)? Prepare()
    {
        if (OperatingSystem.IsWindows())
        {
            return null;
        }

        string target = tree.Write("cfg/config.toml", Basis);
        string temp = tree.Write("cfg/.config.toml.ours.tmp", Ours);
        Assert.True(UnixFileSystem.TryLStat(target, out UnixFileInfo basis));
        Assert.True(UnixFileSystem.TryLStat(temp, out UnixFileInfo written));
        return (target, temp, basis, written);
    }

    private static bool Exchange(string temp, string target) => UnixFileSystem.Exchange(temp, target) == 0;

    /// <summary>What `codex mcp add` does to config.toml: a new file beside it, renamed over it.</summary>
    private void RenameOnto(string target, string text)
    {
        string theirs = tree.Write($"cfg/.tmp{Guid.NewGuid():N}", text);
        File.Move(theirs, target, overwrite: true);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_clean_exchange_is_kept(bool withBytes)
    {
        if (Prepare() is not var (target, temp, basis, written) || !Exchange(temp, target))
        {
            return;
        }

        Assert.True(ExchangeCommit.SettleExchange(target, temp, written, basis, withBytes ? Encoding.UTF8.GetBytes(Basis) : null, writerWaiting: false));
        Assert.Equal(Ours, File.ReadAllText(target));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_file_renamed_onto_the_target_after_the_exchange_stays(bool withBytes)
    {
        if (Prepare() is not var (target, temp, basis, written) || !Exchange(temp, target))
        {
            return;
        }

        RenameOnto(target, "model = \"codex\"\n");

        Assert.False(ExchangeCommit.SettleExchange(target, temp, written, basis, withBytes ? Encoding.UTF8.GetBytes(Basis) : null, writerWaiting: false));
        Assert.Equal("model = \"codex\"\n", File.ReadAllText(target));
    }

    [Fact]
    public void A_file_renamed_onto_the_target_before_the_exchange_is_put_back()
    {
        if (Prepare() is not var (target, temp, basis, written))
        {
            return;
        }

        RenameOnto(target, "model = \"codex\"\n");
        if (!Exchange(temp, target))
        {
            return;
        }

        Assert.False(ExchangeCommit.SettleExchange(target, temp, written, basis, Encoding.UTF8.GetBytes(Basis), writerWaiting: false));
        Assert.Equal("model = \"codex\"\n", File.ReadAllText(target));
        Assert.Equal(Ours, File.ReadAllText(temp));
    }

    [Fact]
    public void A_file_renamed_onto_the_target_while_ours_is_being_taken_out_again_stays()
    {
        // Someone wrote before the exchange (so ours must come out again), and someone else renames a file onto the
        // target after the writer decided to put the displaced version back: the newest is theirs, and it stays.
        if (Prepare() is not var (target, temp, _, written))
        {
            return;
        }

        RenameOnto(target, "model = \"first\"\n");
        if (!Exchange(temp, target))
        {
            return;
        }

        RenameOnto(target, "model = \"second\"\n");
        ExchangeCommit.PutBack(target, temp, placed: written);

        Assert.Equal("model = \"second\"\n", File.ReadAllText(target));
    }

    [Fact]
    public void A_target_removed_while_ours_is_being_taken_out_again_gets_the_displaced_version_back()
    {
        if (Prepare() is not var (target, temp, _, written))
        {
            return;
        }

        RenameOnto(target, "model = \"first\"\n");
        if (!Exchange(temp, target))
        {
            return;
        }

        File.Delete(target);
        ExchangeCommit.PutBack(target, temp, placed: written);

        Assert.Equal("model = \"first\"\n", File.ReadAllText(target));
    }
}
