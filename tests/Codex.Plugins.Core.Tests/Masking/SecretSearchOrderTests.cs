using Codex.Plugins.Diagnostics;
using Codex.Plugins.Masking;
using Codex.Plugins.Tests.Support;

namespace Codex.Plugins.Tests.Masking;

/// <summary>A folder's files are scanned side by side, but what comes out is in the order of the files, as one scan would give it.</summary>
public sealed class SecretSearchOrderTests : IDisposable
{
    private readonly TempTree tree = new();

    public void Dispose() => tree.Dispose();

    [Fact]
    public void Findings_and_issues_of_a_folder_come_out_in_file_order_with_each_files_lines_in_order()
    {
        var expected = new List<string>();
        for (int f = 0; f < 24; f++)
        {
            var lines = new List<string>();
            for (int l = 1; l <= 40; l++)
            {
                // Files of very different sizes, so the scans finish out of order.
                lines.Add(l % 4 == 0 ? $"token{l}=ghp_{f:D2}{l:D2}Zx8W6v5U4t3S2r1Q0pOnMlKjIhGfEdCb" : new string('x', (f % 5) * 3000));
                if (l % 4 == 0)
                {
                    expected.Add($"part{f:D2}.log:{l}");
                }
            }

            tree.Write($"scan/part{f:D2}.log", string.Join('\n', lines));
            if (f == 10)
            {
                File.WriteAllBytes(Path.Combine(tree.Root, "scan", "part10b.bin"), new byte[] { 0, 1, 2, 3 });
                expected.Add("part10b.bin:binary");
            }
        }

        var seen = new List<string>();
        new SecretSearch(new SecretSearchOptions()).SearchPath(Path.Combine(tree.Root, "scan"),
            finding => seen.Add($"{Path.GetFileName(finding.File)}:{finding.Line}"),
            issue => seen.Add($"{Path.GetFileName(issue.File)}:{(issue.ErrorId == ErrorIds.SecretFileBinary ? "binary" : issue.ErrorId)}"));
        Assert.Equal(expected, seen);
    }
}
