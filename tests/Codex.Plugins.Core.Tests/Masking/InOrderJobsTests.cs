using Codex.Plugins.Diagnostics;
using Codex.Plugins.Masking;

namespace Codex.Plugins.Tests.Masking;

/// <summary>Files masked side by side come back in the order they were given, errors included, and two that share a path never overlap.</summary>
public sealed class InOrderJobsTests
{
    [Fact]
    public void Results_come_back_in_the_order_added_though_the_work_finishes_in_reverse()
    {
        var delivered = new List<int>();
        var finished = new List<int>();
        var released = new ManualResetEventSlim[] { new(), new(), new(), new() };
        using var jobs = new InOrderJobs<int>(ahead: 3);
        for (int i = 0; i < 4; i++)
        {
            int n = i;
            // Each piece waits for the one after it, so they finish 3, 2, 1, 0; the last one waits for nothing.
            jobs.Add(() =>
            {
                if (n < 3)
                {
                    released[n + 1].Wait();
                }

                lock (finished)
                {
                    finished.Add(n);
                }

                released[n].Set();
                return n * 10;
            }, result => delivered.Add(result()));
        }

        jobs.DeliverAll();
        Assert.Equal(new[] { 0, 10, 20, 30 }, delivered);
        Assert.Equal(new[] { 3, 2, 1, 0 }, finished);
    }

    [Fact]
    public void An_error_is_handed_back_at_its_turn_and_the_work_after_it_still_comes_back()
    {
        var delivered = new List<string>();
        using var jobs = new InOrderJobs<string>(ahead: 2);
        jobs.Add(() => "a", r => delivered.Add(r()));
        jobs.Add(() => throw new CodexIssueException(new CodexIssue(ErrorIds.SecretFileBinary, IssueKind.InvalidData, "binary", "b")), r =>
        {
            try
            {
                delivered.Add(r());
            }
            catch (CodexIssueException ex)
            {
                delivered.Add(ex.Issue.ErrorId);
            }
        });
        jobs.Add(() => "c", r => delivered.Add(r()));
        jobs.DeliverAll();
        Assert.Equal(new[] { "a", ErrorIds.SecretFileBinary, "c" }, delivered);
    }

    [Fact]
    public void Work_on_a_path_still_in_flight_waits_until_the_earlier_work_is_handed_back()
    {
        var delivered = new List<string>();
        using var jobs = new InOrderJobs<string>(ahead: 3);
        jobs.Add(() => "first", r => delivered.Add(r()), "/d/in.txt", "/out/a.txt");
        jobs.Add(() => "other", r => delivered.Add(r()), "/d/other.txt", "/out/other.txt");
        Assert.Empty(delivered);
        Assert.True(jobs.Touches("/out/a.txt"));

        // Same destination: everything before it is handed back first, so it sees what the first one wrote.
        jobs.Add(() => "second", r => delivered.Add(r()), "/e/in.txt", "/out/a.txt");
        Assert.Equal(new[] { "first", "other" }, delivered);
        Assert.False(jobs.Touches("/d/in.txt"));
        jobs.DeliverAll();
        Assert.Equal(new[] { "first", "other", "second" }, delivered);
    }

    [Fact]
    public void With_nothing_ahead_each_piece_is_done_and_handed_back_as_it_is_added()
    {
        var delivered = new List<int>();
        int thread = Environment.CurrentManagedThreadId;
        using var jobs = new InOrderJobs<int>(ahead: 0);
        for (int i = 0; i < 3; i++)
        {
            int n = i;
            jobs.Add(() => Environment.CurrentManagedThreadId == thread ? n : -1, r => delivered.Add(r()));
            Assert.Equal(n + 1, delivered.Count);
        }

        Assert.Equal(new[] { 0, 1, 2 }, delivered);
    }
}
