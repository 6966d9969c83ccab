using System.Text;
using Codex.Plugins.Hooks.Execution;

namespace Codex.Plugins.Tests.Hooks;

/// <summary>
/// The run's log is appended to by every handler of the run at once (and by other runs): a record appended by one
/// writer must never be written over by a writer that had opened the file before it.
/// </summary>
public sealed class AppendOnlyFileTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("codex-append-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void A_writer_opened_before_another_appended_writes_after_that_record_not_over_it()
    {
        if (OperatingSystem.IsWindows())
        {
            // Windows keeps a second writer out (FileShare.Read): the ordering cannot happen there.
            return;
        }

        string path = Path.Combine(folder, "run.jsonl");
        File.WriteAllText(path, "first\n");

        // The ordering eight flooding handlers hit in the output-flood test: A opens the log, B opens it, appends a
        // record (a cut record) and closes it, then A writes its own (a text record) of the same length.
        using (AppendOnlyFile a = AppendOnlyFile.Open(path))
        {
            using (AppendOnlyFile b = AppendOnlyFile.Open(path))
            {
                b.Write("{\"hook\":\"b\",\"truncated\":true}\n"u8);
            }

            a.Write("{\"hook\":\"a\",\"text\":\"yes yes\"}\n"u8);
        }

        Assert.Equal(new[] { "first", "{\"hook\":\"b\",\"truncated\":true}", "{\"hook\":\"a\",\"text\":\"yes yes\"}" }, File.ReadAllLines(path));
    }

    [Fact]
    public void Records_written_from_many_threads_at_once_all_arrive_whole()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        string path = Path.Combine(folder, "many.jsonl");
        const int Writers = 8, Records = 200;
        Parallel.For(0, Writers, new ParallelOptions { MaxDegreeOfParallelism = Writers }, w =>
        {
            for (int i = 0; i < Records; i++)
            {
                using AppendOnlyFile file = AppendOnlyFile.Open(path);
                file.Write(Encoding.UTF8.GetBytes($"{w:00}:{i:0000}:{new string('x', 1000 + (i % 7))}\n"));
            }
        });

        string[] lines = File.ReadAllLines(path);
        Assert.Equal(Writers * Records, lines.Length);
        Assert.Equal(Writers * Records, lines.Distinct().Count());
        Assert.All(lines, l => Assert.Matches("^[0-9]{2}:[0-9]{4}:x{1000,1006}$", l));
    }
}
