using Codex.Plugins.Diagnostics;
using Codex.Plugins.Masking;
using Codex.Plugins.Masking.Operators;
using Codex.Plugins.Tests.Support;

namespace Codex.Plugins.Tests.Masking;

/// <summary>
/// Unprotect-CodexData writes what the mapping holds back into text: in place it must refuse a file that changed between
/// its read and its write (as Protect-CodexData does), and a new copy must be as private as the mapping it came from.
/// </summary>
public sealed class UnprotectInPlaceChangeTests : IDisposable
{
    private const int Appends = AppendRace.Appends;
    private const string Token = "ghp_Z8x7W6v5U4t3S2r1Q0pOnMlKjIhGfEdCbA9z";
    private readonly TempTree tree = new();

    public void Dispose() => tree.Dispose();

    [Fact]
    public void An_append_during_at_least_100_in_place_restores_is_never_lost()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var map = new PlaceholderMap();
        string placeholder = map.PlaceholderFor("GITHUB_TOKEN", Token);
        string pad = string.Join(string.Empty, Enumerable.Range(0, 1500).Select(i => $"key{i} = \"value number {i} of the padding\"\n"));
        string file = tree.Write("work/ticket.txt", $"{pad}token = \"{placeholder}\"\n");
        var (edits, refused) = AppendRace.Run(file, "# appended %d\\n", () => DataProtector.UnprotectFile(file, file, map, "mapping.json"), ErrorIds.SecretWriteFailed);

        string after = File.ReadAllText(file);
        int kept = AppendRace.NumberedLinesKept(after);
        Assert.True(kept == Appends, $"lost {Appends - kept} of {Appends} appended lines in {edits} in-place restores ({refused} refused)");
        Assert.Contains(Token, after);
    }

    [Fact]
    public void A_restored_copy_is_readable_by_its_owner_only_and_in_place_keeps_the_mode()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var map = new PlaceholderMap();
        string placeholder = map.PlaceholderFor("GITHUB_TOKEN", Token);
        string masked = tree.Write("work/masked.txt", $"token = \"{placeholder}\"\n");
        File.SetUnixFileMode(masked, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        string copy = Path.Combine(tree.Root, "work/restored.txt");

        DataProtector.UnprotectFile(masked, copy, map, "mapping.json");
        Assert.Contains(Token, File.ReadAllText(copy));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(copy));

        DataProtector.UnprotectFile(masked, masked, map, "mapping.json");
        Assert.Contains(Token, File.ReadAllText(masked));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead, File.GetUnixFileMode(masked));
    }
}
