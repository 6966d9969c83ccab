using Codex.Plugins.Diagnostics;
using Codex.Plugins.Masking;
using Codex.Plugins.Masking.Detection;
using Codex.Plugins.Masking.Operators;
using Codex.Plugins.Tests.Support;

namespace Codex.Plugins.Tests.Masking;

/// <summary>
/// Protect-CodexData -InPlace while another program appends to the file without any lock (a log writer, a script):
/// every format must refuse a file that changed between its read and its write (SecretWriteFailed, from
/// ConfigChangedOnDisk) rather than replace it with a masked copy of what it used to be. Text did; JSON and TOML read the
/// file before the writer took its look at it, so an append in between was lost.
/// </summary>
public sealed class ProtectInPlaceChangeTests : IDisposable
{
    private const int Appends = AppendRace.Appends;
    private const string Token = "ghp_Z8x7W6v5U4t3S2r1Q0pOnMlKjIhGfEdCbA9z";
    private readonly TempTree tree = new();

    public void Dispose() => tree.Dispose();

    [Theory]
    [InlineData(MaskFormat.Json)]
    [InlineData(MaskFormat.Toml)]
    [InlineData(MaskFormat.Text)]
    public void An_append_during_at_least_100_in_place_maskings_is_never_lost(MaskFormat format)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        // Large enough (about 75 KiB of values to scan) that the time from read to write is wide enough for the appender
        // to land in it now and then. Each append is a line the format allows after the content: a TOML comment, JSON
        // whitespace (counted), a text line.
        var pad = string.Join(string.Empty, Enumerable.Range(0, 1500).Select(i => format switch
        {
            MaskFormat.Json => $"\"key{i}\": \"value number {i} of the padding\", ",
            _ => $"key{i} = \"value number {i} of the padding\"\n",
        }));
        string text = format == MaskFormat.Json ? $"{{{pad}\"token\": \"{Token}\"}}\n" : $"{pad}token = \"{Token}\"\n";
        string file = tree.Write(format == MaskFormat.Json ? "work/app.json" : format == MaskFormat.Toml ? "work/app.toml" : "work/app.log", text);
        string line = format == MaskFormat.Json ? " \\n" : "# appended %d\\n";
        var protector = new DataProtector(new SecretScanner(SecretScanOptions.Secrets), new SecretMasker(MaskMode.Redact));
        var (edits, refused) = AppendRace.Run(file, line, () => protector.ProtectFile(file, file, format, null), ErrorIds.SecretWriteFailed);

        string after = File.ReadAllText(file);
        int kept = format == MaskFormat.Json ? after.Split(" \n").Length - 1 : AppendRace.NumberedLinesKept(after);
        Assert.True(kept == Appends, $"{format}: lost {Appends - kept} of {Appends} appended lines in {edits} in-place maskings ({refused} refused)");
        Assert.DoesNotContain(Token, after);
        Assert.True(edits >= 100);
    }
}
