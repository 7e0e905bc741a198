using System.Buffers.Binary;

namespace VideoPipeline.Emulator.Media;

/// <summary>
/// A read-only, seekable view of a real MP4 clip followed by one top-level <c>free</c> box that pads it to any
/// length. Bytes are computed on read, so a multi-gigabyte result costs no memory and no disk.
/// </summary>
internal sealed class PaddedMp4Stream : Stream
{
    private const int CompactHeaderLength = 8;
    private const int LargeHeaderLength = 16;

    private readonly ReadOnlyMemory<byte> _clip;
    private readonly byte[] _header;
    private readonly long _length;
    private long _position;

    /// <param name="length">A length returned by <see cref="NormalizeLength"/>.</param>
    public PaddedMp4Stream(ReadOnlyMemory<byte> clip, long length)
    {
        if (length != NormalizeLength(length, clip.Length))
        {
            throw new ArgumentOutOfRangeException(nameof(length), length, "A padded MP4 cannot have this length.");
        }

        _clip = clip;
        _length = length;
        _header = FreeBoxHeader(length - clip.Length);
    }

    public override bool CanRead => true;

    public override bool CanSeek => true;

    public override bool CanWrite => false;

    public override long Length => _length;

    public override long Position
    {
        get => _position;
        set => _position = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value));
    }

    /// <summary>
    /// The nearest length a padded clip can have: a box needs at least its 8-byte header, so requests smaller than
    /// the clip give the bare clip and requests 1–7 bytes past it grow to an 8-byte empty box.
    /// </summary>
    public static long NormalizeLength(long requested, int clipLength) =>
        requested <= clipLength ? clipLength : Math.Max(requested, clipLength + CompactHeaderLength);

    /// <summary>
    /// The header of a <c>free</c> box spanning <paramref name="boxLength"/> bytes. ISO/IEC 14496-12: a 32-bit size,
    /// or size 1 followed by a 64-bit <c>largesize</c> when the box does not fit in 32 bits.
    /// </summary>
    public static byte[] FreeBoxHeader(long boxLength)
    {
        if (boxLength == 0)
        {
            return [];
        }

        if (boxLength <= uint.MaxValue)
        {
            var compact = new byte[CompactHeaderLength];
            BinaryPrimitives.WriteUInt32BigEndian(compact, (uint)boxLength);
            "free"u8.CopyTo(compact.AsSpan(4));
            return compact;
        }

        var large = new byte[LargeHeaderLength];
        BinaryPrimitives.WriteUInt32BigEndian(large, 1);
        "free"u8.CopyTo(large.AsSpan(4));
        BinaryPrimitives.WriteUInt64BigEndian(large.AsSpan(8), (ulong)boxLength);
        return large;
    }

    public override int Read(Span<byte> buffer)
    {
        if (_position >= _length)
        {
            return 0;
        }

        var count = (int)Math.Min(buffer.Length, _length - _position);
        var target = buffer[..count];
        var offset = _position;
        while (!target.IsEmpty)
        {
            var written = CopySegment(offset, target);
            target = target[written..];
            offset += written;
        }

        _position += count;
        return count;
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        cancellationToken.IsCancellationRequested
            ? ValueTask.FromCanceled<int>(cancellationToken)
            : ValueTask.FromResult(Read(buffer.Span));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override long Seek(long offset, SeekOrigin origin)
    {
        Position = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => _position + offset,
            SeekOrigin.End => _length + offset,
            _ => throw new ArgumentOutOfRangeException(nameof(origin)),
        };
        return _position;
    }

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    /// <summary>Fills the start of <paramref name="target"/> from the segment containing <paramref name="offset"/>.</summary>
    private int CopySegment(long offset, Span<byte> target)
    {
        var clipLength = _clip.Length;
        if (offset < clipLength)
        {
            return CopyFrom(_clip.Span[(int)offset..], target);
        }

        var headerOffset = offset - clipLength;
        if (headerOffset < _header.Length)
        {
            return CopyFrom(_header.AsSpan((int)headerOffset), target);
        }

        target.Clear();
        return target.Length;
    }

    private static int CopyFrom(ReadOnlySpan<byte> source, Span<byte> target)
    {
        var count = Math.Min(source.Length, target.Length);
        source[..count].CopyTo(target);
        return count;
    }
}
