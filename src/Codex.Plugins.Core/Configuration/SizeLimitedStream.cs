namespace Codex.Plugins.Configuration;

/// <summary>
/// Reads through to a file and fails (<see cref="FileTooLargeException"/>) once more than its kind's limit has been
/// read: the size was checked before the read, and this catches a file that grew after that check.
/// </summary>
internal sealed class SizeLimitedStream : Stream
{
    private readonly Stream inner;
    private readonly string path;
    private readonly FileSizeLimit limit;
    private long read;

    public SizeLimitedStream(Stream inner, string path, FileSizeLimit limit)
    {
        this.inner = inner;
        this.path = path;
        this.limit = limit;
    }

    public override bool CanRead => true;

    public override bool CanSeek => inner.CanSeek;

    public override bool CanWrite => false;

    public override long Length => inner.Length;

    public override long Position
    {
        get => inner.Position;
        set
        {
            inner.Position = value;
            read = value;
        }
    }

    public override int Read(byte[] buffer, int offset, int count)
    {
        int n = inner.Read(buffer, offset, count);
        read += n;
        if (read > limit.MaxBytes)
        {
            throw limit.Exceeded(path, -1);
        }

        return n;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin)
    {
        long at = inner.Seek(offset, origin);
        read = at;
        return at;
    }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
