namespace VideoPipeline.Core.Tests.Archive;

/// <summary>
/// A valid MP4 of any length generated on the fly (the sample video plus one large <c>free</c> box), so a test can
/// stream hundreds of MiB without holding them.
/// </summary>
internal sealed class GeneratedVideoStream : Stream
{
    private readonly byte[] _head;
    private readonly long _length;
    private long _position;

    public GeneratedVideoStream(long length)
    {
        var sample = Mp4Samples.Sample;
        _head = new byte[sample.Length + 8];
        sample.CopyTo(_head, 0);
        Mp4Samples.WriteBoxHeader(_head.AsSpan(sample.Length), "free", checked((int)(length - sample.Length)));
        _length = length;
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => _length;

    public override long Position
    {
        get => _position;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var count = (int)Math.Min(buffer.Length, _length - _position);
        for (var i = 0; i < count; i++)
        {
            var position = _position + i;
            buffer[i] = position < _head.Length ? _head[position] : (byte)(position * 31);
        }

        _position += count;
        return count;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Read(buffer.Span));

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
