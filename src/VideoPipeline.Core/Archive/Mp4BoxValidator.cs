using System.Buffers.Binary;
using System.Text;

namespace VideoPipeline.Core.Archive;

/// <summary>
/// Walks the top-level boxes of an ISO BMFF (MP4) stream as it arrives, in constant memory, so a download can be
/// rejected before it is committed. Checks: the first box is <c>ftyp</c>; every box header is readable (a 32-bit size,
/// or <c>size == 1</c> with a 64-bit largesize, or <c>size == 0</c> for a last box running to the end); a <c>moov</c>
/// box is present; and the box sizes add up exactly to the stream length. It does not decode the boxes.
/// </summary>
public sealed class Mp4BoxValidator
{
    private const int CompactHeaderLength = 8;
    private const int LargeHeaderLength = 16;
    private const int MinimumFileTypeBoxLength = 16;

    private readonly byte[] _header = new byte[LargeHeaderLength];
    private int _headerLength;
    private long _position;
    private long _nextBoxStart;
    private bool _lastBoxRunsToEnd;
    private int _boxCount;
    private bool _sawMovieBox;

    public Mp4ValidationState State { get; private set; } = Mp4ValidationState.InProgress;

    /// <summary>Why the stream is <see cref="Mp4ValidationState.Invalid"/> or <see cref="Mp4ValidationState.Truncated"/>.</summary>
    public string? Failure { get; private set; }

    /// <summary>Bytes appended so far.</summary>
    public long Length => _position;

    /// <summary>Feeds the next bytes; returns <see cref="Mp4ValidationState.Invalid"/> as soon as the stream cannot be an MP4.</summary>
    public Mp4ValidationState Append(ReadOnlySpan<byte> data)
    {
        if (State != Mp4ValidationState.InProgress)
        {
            return State;
        }

        while (!data.IsEmpty && State == Mp4ValidationState.InProgress)
        {
            if (_lastBoxRunsToEnd)
            {
                _position += data.Length;
                break;
            }

            if (_position < _nextBoxStart)
            {
                var inBox = (int)Math.Min(data.Length, _nextBoxStart - _position);
                _position += inBox;
                data = data[inBox..];
                continue;
            }

            // A box header may arrive split across any number of chunks, so it is collected before it is read.
            var headerLength = _headerLength >= CompactHeaderLength && IsLargeSize() ? LargeHeaderLength : CompactHeaderLength;
            var take = Math.Min(headerLength - _headerLength, data.Length);
            data[..take].CopyTo(_header.AsSpan(_headerLength));
            _headerLength += take;
            _position += take;
            data = data[take..];

            if (_headerLength == CompactHeaderLength && IsLargeSize())
            {
                continue;
            }

            if (_headerLength == headerLength)
            {
                ReadHeader();
            }
        }

        return State;
    }

    /// <summary>Ends the stream and returns the verdict: <see cref="Mp4ValidationState.Valid"/> or why not.</summary>
    public Mp4ValidationState Complete()
    {
        if (State != Mp4ValidationState.InProgress)
        {
            return State;
        }

        if (_boxCount == 0)
        {
            return Fail(Mp4ValidationState.Invalid, $"{_position} bytes are too few to hold an MP4 box header.");
        }

        if (_headerLength > 0)
        {
            return Fail(Mp4ValidationState.Truncated, $"The stream ends inside the box header at offset {_nextBoxStart}.");
        }

        if (!_lastBoxRunsToEnd && _position < _nextBoxStart)
        {
            return Fail(
                Mp4ValidationState.Truncated,
                $"The last box needs the stream to be {_nextBoxStart} bytes long; it ended after {_position}.");
        }

        if (!_sawMovieBox)
        {
            return Fail(Mp4ValidationState.Invalid, "The stream has no moov box.");
        }

        State = Mp4ValidationState.Valid;
        return State;
    }

    private bool IsLargeSize() => BinaryPrimitives.ReadUInt32BigEndian(_header) == 1;

    private void ReadHeader()
    {
        var boxStart = _nextBoxStart;
        var size = BinaryPrimitives.ReadUInt32BigEndian(_header);
        var type = _header.AsSpan(4, 4);
        _headerLength = 0;

        if (!IsPrintable(type))
        {
            Fail(Mp4ValidationState.Invalid, $"The box at offset {boxStart} has no four-character type.");
            return;
        }

        var isFileType = type.SequenceEqual("ftyp"u8);
        if (_boxCount == 0 && !isFileType)
        {
            Fail(Mp4ValidationState.Invalid, $"The stream starts with '{Describe(type)}', not with an ftyp box.");
            return;
        }

        _boxCount++;
        _sawMovieBox |= type.SequenceEqual("moov"u8);

        if (size == 0)
        {
            _lastBoxRunsToEnd = true;
            return;
        }

        var length = size == 1 ? BinaryPrimitives.ReadUInt64BigEndian(_header.AsSpan(8)) : size;
        var headerLength = size == 1 ? LargeHeaderLength : CompactHeaderLength;
        var minimum = isFileType ? MinimumFileTypeBoxLength : headerLength;
        if (length < (ulong)minimum || length > (ulong)(long.MaxValue - boxStart))
        {
            Fail(Mp4ValidationState.Invalid, $"The '{Describe(type)}' box at offset {boxStart} declares an impossible size {length}.");
            return;
        }

        _nextBoxStart = boxStart + (long)length;
    }

    private Mp4ValidationState Fail(Mp4ValidationState state, string failure)
    {
        State = state;
        Failure = failure;
        return state;
    }

    private static bool IsPrintable(ReadOnlySpan<byte> type)
    {
        foreach (var b in type)
        {
            if (b is < 0x20 or > 0x7E)
            {
                return false;
            }
        }

        return true;
    }

    private static string Describe(ReadOnlySpan<byte> type) => Encoding.ASCII.GetString(type);
}
