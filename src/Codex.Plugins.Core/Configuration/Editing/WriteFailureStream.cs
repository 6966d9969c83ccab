using Codex.Plugins.Diagnostics;

namespace Codex.Plugins.Configuration.Editing;

/// <summary>
/// The temporary file a streamed write goes into, as the content's producer sees it: a failure to write it (a full disk)
/// is ConfigWriteFailed for the target, so it cannot be mistaken for the producer's own failure to read its input.
/// </summary>
internal sealed class WriteFailureStream : Stream
{
    private readonly Stream _inner;
    private readonly string _target;

    public WriteFailureStream(Stream inner, string target)
    {
        _inner = inner;
        _target = target;
    }

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => _inner.Length;

    public override long Position { get => _inner.Position; set => throw new NotSupportedException(); }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer) => Guard(buffer, static (inner, b) => inner.Write(b));

    public override void WriteByte(byte value) => Write(new[] { value });

    public override void Flush() => Guard(ReadOnlySpan<byte>.Empty, static (inner, _) => inner.Flush());

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    private delegate void Operation(Stream inner, ReadOnlySpan<byte> bytes);

    private void Guard(ReadOnlySpan<byte> bytes, Operation operation)
    {
        try
        {
            operation(_inner, bytes);
        }
        catch (IOException ex)
        {
            throw new CodexIssueException(new CodexIssue(ErrorIds.ConfigWriteFailed, IssueKind.ReadError,
                $"Writing {_target} failed: {ex.Message} The original file is unchanged.", _target, Target: _target,
                RecommendedAction: "Check that this account may create files in the folder and that the disk has room."), ex);
        }
    }
}
