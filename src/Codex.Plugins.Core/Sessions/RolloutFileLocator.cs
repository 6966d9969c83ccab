using System.Globalization;
using System.Text.RegularExpressions;

namespace Codex.Plugins.Sessions;

/// <summary>
/// Finds rollouts the way Codex lays them out: $CODEX_HOME/sessions/YYYY/MM/DD/rollout-&lt;time&gt;-&lt;id&gt;.jsonl, then
/// archived_sessions/. Lazily and in time order, skipping whole day folders outside the wanted range, so listing a
/// year of sessions never holds the year in memory.
/// </summary>
public static partial class RolloutFileLocator
{
    public const string SessionsFolder = "sessions";
    public const string ArchivedFolder = "archived_sessions";

    [GeneratedRegex(@"^rollout-(?<time>\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2})-(?<id>[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})\.jsonl(\.zst)?$", RegexOptions.CultureInvariant)]
    private static partial Regex RolloutName();

    public static bool IsRolloutName(string fileName) =>
        fileName.StartsWith("rollout-", StringComparison.Ordinal) && (fileName.EndsWith(".jsonl", StringComparison.Ordinal) || fileName.EndsWith(".jsonl.zst", StringComparison.Ordinal));

    public static bool IsCompressed(string path) => path.EndsWith(".jsonl.zst", StringComparison.Ordinal);

    public static string? IdFromFileName(string path)
    {
        Match m = RolloutName().Match(Path.GetFileName(path));
        return m.Success ? m.Groups["id"].Value : null;
    }

    public static DateTimeOffset? TimeFromFileName(string path)
    {
        Match m = RolloutName().Match(Path.GetFileName(path));
        return m.Success && DateTime.TryParseExact(m.Groups["time"].Value, "yyyy-MM-dd'T'HH-mm-ss", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out DateTime t)
            ? new DateTimeOffset(t, TimeSpan.Zero)
            : null;
    }

    /// <summary>
    /// Rollouts under a Codex home, oldest first. Day folders wholly before <paramref name="after"/> or after
    /// <paramref name="before"/> are not opened (a day's margin each side: file names carry the local start time).
    /// </summary>
    public static IEnumerable<RolloutFile> Find(string codexHome, DateTimeOffset? after = null, DateTimeOffset? before = null, bool includeArchived = true)
    {
        string sessions = Path.Combine(codexHome, SessionsFolder);
        foreach (RolloutFile f in FindDated(sessions, after, before))
        {
            yield return f;
        }

        if (includeArchived)
        {
            foreach (RolloutFile f in FindUnder(Path.Combine(codexHome, ArchivedFolder), isArchived: true))
            {
                yield return f;
            }
        }
    }

    /// <summary>Rollouts in any folder (copied from elsewhere), recursively, in name order.</summary>
    public static IEnumerable<RolloutFile> FindUnder(string folder, bool isArchived = false)
    {
        if (!Directory.Exists(folder))
        {
            yield break;
        }

        var pending = new Stack<string>();
        pending.Push(folder);
        while (pending.Count > 0)
        {
            string dir = pending.Pop();
            string[] files, dirs;
            try
            {
                files = Directory.GetFiles(dir);
                dirs = Directory.GetDirectories(dir);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                continue;
            }

            Array.Sort(files, StringComparer.Ordinal);
            foreach (string file in files)
            {
                string name = Path.GetFileName(file);
                if (IsRolloutName(name) && !SkipCompressedSibling(file))
                {
                    yield return new RolloutFile(file, isArchived, TimeFromFileName(file), IdFromFileName(file));
                }
            }

            Array.Sort(dirs, StringComparer.Ordinal);
            for (int i = dirs.Length - 1; i >= 0; i--)
            {
                pending.Push(dirs[i]);
            }
        }
    }

    // Codex reads the plain file when both it and its .zst sibling exist.
    private static bool SkipCompressedSibling(string file) => IsCompressed(file) && File.Exists(file[..^4]);

    private static IEnumerable<RolloutFile> FindDated(string sessions, DateTimeOffset? after, DateTimeOffset? before)
    {
        if (!Directory.Exists(sessions))
        {
            yield break;
        }

        DateTime? first = after?.UtcDateTime.Date.AddDays(-1);
        DateTime? last = before?.UtcDateTime.Date.AddDays(1);
        foreach (string year in Sorted(Directory.GetDirectories(sessions)))
        {
            if (!int.TryParse(Path.GetFileName(year), NumberStyles.None, CultureInfo.InvariantCulture, out int y))
            {
                foreach (RolloutFile f in FindUnder(year))
                {
                    yield return f;
                }

                continue;
            }

            if ((first is { } f1 && y < f1.Year) || (last is { } l1 && y > l1.Year))
            {
                continue;
            }

            foreach (string month in Sorted(Directory.GetDirectories(year)))
            {
                if (!int.TryParse(Path.GetFileName(month), NumberStyles.None, CultureInfo.InvariantCulture, out int m) || m is < 1 or > 12)
                {
                    foreach (RolloutFile f in FindUnder(month))
                    {
                        yield return f;
                    }

                    continue;
                }

                if ((first is { } f2 && new DateTime(y, m, DateTime.DaysInMonth(y, m)) < f2) || (last is { } l2 && new DateTime(y, m, 1) > l2))
                {
                    continue;
                }

                foreach (string day in Sorted(Directory.GetDirectories(month)))
                {
                    if (int.TryParse(Path.GetFileName(day), NumberStyles.None, CultureInfo.InvariantCulture, out int d) && d >= 1 && d <= DateTime.DaysInMonth(y, m))
                    {
                        var date = new DateTime(y, m, d);
                        if ((first is { } f3 && date < f3) || (last is { } l3 && date > l3))
                        {
                            continue;
                        }
                    }

                    foreach (RolloutFile f in FindUnder(day))
                    {
                        yield return f;
                    }
                }

                foreach (RolloutFile f in LooseFiles(month))
                {
                    yield return f;
                }
            }

            foreach (RolloutFile f in LooseFiles(year))
            {
                yield return f;
            }
        }

        foreach (RolloutFile f in LooseFiles(sessions))
        {
            yield return f;
        }
    }

    private static IEnumerable<RolloutFile> LooseFiles(string dir)
    {
        string[] files;
        try
        {
            files = Directory.GetFiles(dir);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            yield break;
        }

        Array.Sort(files, StringComparer.Ordinal);
        foreach (string file in files)
        {
            if (IsRolloutName(Path.GetFileName(file)) && !SkipCompressedSibling(file))
            {
                yield return new RolloutFile(file, false, TimeFromFileName(file), IdFromFileName(file));
            }
        }
    }

    private static string[] Sorted(string[] dirs)
    {
        Array.Sort(dirs, StringComparer.Ordinal);
        return dirs;
    }
}
