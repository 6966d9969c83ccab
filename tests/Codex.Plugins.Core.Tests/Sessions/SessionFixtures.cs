using Codex.Plugins.Tests.Support;

namespace Codex.Plugins.Tests.Sessions;

/// <summary>
/// tests/fixtures/sessions: two rollouts codex 0.171.0 wrote against the compat mock (long strings trimmed, paths
/// renamed): a main session of two turns and the subagent it spawned. Tests copy them into a temp tree to change them.
/// </summary>
internal static class SessionFixtures
{
    public const string MainId = "01a24e0a-470f-7430-8cd3-855553612436";
    public const string SubId = "01a24e0a-604d-7580-a7d5-6d60af1837bd";

    public static string Home
    {
        get
        {
            string? dir = AppContext.BaseDirectory;
            while (dir is not null && !Directory.Exists(Path.Combine(dir, "tests", "fixtures", "sessions")))
            {
                dir = Path.GetDirectoryName(dir);
            }

            return Path.Combine(dir ?? throw new DirectoryNotFoundException("tests/fixtures/sessions not found above the test binaries"), "tests", "fixtures", "sessions", "home");
        }
    }

    public static string DayFolder => Path.Combine(Home, "sessions", "2026", "12", "07");

    public static string MainFile => Directory.GetFiles(DayFolder, "*" + MainId + ".jsonl").Single();

    public static string SubFile => Directory.GetFiles(DayFolder, "*" + SubId + ".jsonl").Single();

    /// <summary>A copy of the fixture home in a temp tree.</summary>
    public static string CopyHome(TempTree tree)
    {
        string day = tree.Dir("home/.codex/sessions/2026/12/07");
        foreach (string f in Directory.GetFiles(DayFolder))
        {
            File.Copy(f, Path.Combine(day, Path.GetFileName(f)));
        }

        return tree.CodexHome;
    }
}
