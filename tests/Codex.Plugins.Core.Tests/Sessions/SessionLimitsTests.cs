using Codex.Plugins.Sessions;
using Codex.Plugins.Tests.Support;

namespace Codex.Plugins.Tests.Sessions;

public class SessionLimitsTests
{
    [Fact]
    public void Limits_given_win_and_the_others_come_from_the_homes_agents_table_or_codexs_defaults()
    {
        using var t = new TempTree();
        t.WriteUserConfig("[agents]\nmax_threads = 3\nmax_depth = 2\n");

        Assert.Equal(new SessionLimits(3, 2), SessionLimits.From(null, null, t.Load()));
        Assert.Equal(new SessionLimits(9, 2), SessionLimits.From(9, null, t.Load()));
        Assert.Equal(new SessionLimits(6, 0), SessionLimits.From(null, 0, null));
        Assert.Equal(SessionLimits.Default, SessionLimits.From(null, null, null));
    }

    [Fact]
    public void A_window_time_is_read_on_the_users_clock_as_UTC()
    {
        Assert.Null(SessionQuery.Moment(null));
        var utc = new DateTime(2026, 12, 7, 10, 0, 0, DateTimeKind.Utc);
        Assert.Equal(new DateTimeOffset(utc), SessionQuery.Moment(utc));
        Assert.Equal(TimeSpan.Zero, SessionQuery.Moment(new DateTime(2026, 12, 7, 10, 0, 0, DateTimeKind.Local))!.Value.Offset);
    }
}
