namespace VideoPipeline.Core.Tests.Archive;

/// <summary>
/// A read-only source that hands out its bytes in chunks of at most <c>chunkSize</c>, then ends the way the test
/// wants: cleanly, with an <see cref="IOException"/> (a dropped connection), or by stalling until cancelled.
/// </summary>
internal sealed class ScriptedStream(byte[] content, int chunkSize = 4096, ScriptedStream.Ending ending = ScriptedStream.Ending.Clean)
    : Stream
{
    private int _position;

    public enum Ending
    {
        Clean,
        ConnectionReset,
        Stall,
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => _position;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer) => throw new NotSupportedException("The archiver reads asynchronously.");

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_position < content.Length)
        {
            var count = Math.Min(Math.Min(chunkSize, buffer.Length), content.Length - _position);
            content.AsMemory(_position, count).CopyTo(buffer);
            _position += count;
            return count;
        }

        switch (ending)
        {
            case Ending.ConnectionReset:
                throw new IOException("Connection reset by peer.");
            case Ending.Stall:
                await Task.Delay(Timeout.Infinite, cancellationToken);
                break;
        }

        return 0;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
