namespace Codex.Plugins.Sessions;

/// <summary>
/// The first and last timestamps of a rollout's lines. The last is kept as its UTF-8 bytes and parsed once at the end,
/// so a long session does not parse a date per line.
/// </summary>
internal sealed class RolloutTimeRange
{
    private readonly byte[] last = new byte[64];
    private int lastLength;

    public DateTimeOffset? First { get; private set; }

    public DateTime? End => RolloutRecord.ParseTimestamp(last.AsSpan(0, lastLength))?.UtcDateTime;

    public void Take(RolloutRecord record)
    {
        if (record.HasTimestamp)
        {
            ReadOnlySpan<byte> ts = record.TimestampUtf8;
            First ??= record.ParseTimestamp();
            ts.CopyTo(last);
            lastLength = ts.Length;
        }
    }
}
