using System.Diagnostics;
using Codex.Plugins.Diagnostics;

namespace Codex.Plugins.Tests.Support;

/// <summary>
/// Another program appending to a file without any lock (a log writer, a script) while the module rewrites that file in
/// place: a bounded bash appender (160 appends 1-5 ms apart, each through its own open, as `>>` does) runs while the
/// rewrite is made at least 100 times. A rewrite refused with <paramref name="refusedErrorId"/> is counted, not failed.
/// </summary>
internal static class AppendRace
{
    public const int Appends = 160;

    /// <summary>Runs the race; <paramref name="printfLine"/> is the appended line as a printf format (%d: the append's number).</summary>
    public static (int Rewrites, int Refused) Run(string file, string printfLine, Action rewrite, string refusedErrorId)
    {
        string stop = file + ".appender-done";
        var psi = new ProcessStartInfo("bash") { UseShellExecute = false, RedirectStandardError = true };
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add($"for i in $(seq 1 {Appends}); do printf '{printfLine}' \"$i\" >> '{file}'; sleep 0.00$((RANDOM % 5 + 1)); done; touch '{stop}'");

        int rewrites = 0, refused = 0;
        using (Process appender = Process.Start(psi)!)
        {
            while (rewrites < 100 || !File.Exists(stop))
            {
                try
                {
                    rewrite();
                }
                catch (CodexIssueException ex) when (ex.Issue.ErrorId == refusedErrorId)
                {
                    refused++;
                }

                rewrites++;
                if (rewrites >= 100_000)
                {
                    throw new InvalidOperationException("the appender never finished");
                }
            }

            appender.WaitForExit(30_000);
        }

        File.Delete(stop);
        return (rewrites, refused);
    }

    /// <summary>How many of the numbered lines "# appended N" the file still holds.</summary>
    public static int NumberedLinesKept(string text) =>
        Enumerable.Range(1, Appends).Count(i => text.Contains($"# appended {i}\n", StringComparison.Ordinal));
}
