using System.Buffers.Binary;
using System.Text;
using VideoPipeline.Emulator.Media;

namespace VideoPipeline.Emulator.Tests.Media;

public sealed class PaddedMp4StreamTests
{
    private static readonly byte[] Clip = new MediaAssets().Clip;

    [Theory]
    [InlineData(-4000, 0)]
    [InlineData(0, 0)]
    [InlineData(1, 8)]
    [InlineData(7, 8)]
    [InlineData(8, 8)]
    [InlineData(9, 9)]
    public void NormalizeLength_AroundTheClipLength_GivesARepresentableLength(int requestedOverClip, int expectedOverClip)
    {
        var length = PaddedMp4Stream.NormalizeLength(Clip.Length + requestedOverClip, Clip.Length);

        Assert.Equal(Clip.Length + expectedOverClip, length);
    }

    [Fact]
    public void Read_SmallPadding_IsClipThenCompactFreeBoxOfZeros()
    {
        const int padding = 1000;
        using var stream = new PaddedMp4Stream(Clip, Clip.Length + padding);

        var bytes = ReadAll(stream, bufferSize: 333);

        Assert.Equal(Clip, bytes[..Clip.Length]);
        var box = bytes.AsSpan(Clip.Length);
        Assert.Equal((uint)padding, BinaryPrimitives.ReadUInt32BigEndian(box));
        Assert.Equal("free", Encoding.ASCII.GetString(box[4..8]));
        Assert.True(box[8..].IndexOfAnyExcept((byte)0) < 0);
    }

    [Theory]
    [InlineData(uint.MaxValue, 8)]
    [InlineData(uint.MaxValue + 1L, 16)]
    [InlineData(5L << 30, 16)]
    public void FreeBoxHeader_AroundFourGibibytes_SwitchesToLargesize(long boxLength, int headerLength)
    {
        var header = PaddedMp4Stream.FreeBoxHeader(boxLength);

        Assert.Equal(headerLength, header.Length);
        Assert.Equal("free", Encoding.ASCII.GetString(header, 4, 4));
        if (headerLength == 8)
        {
            Assert.Equal((uint)boxLength, BinaryPrimitives.ReadUInt32BigEndian(header));
        }
        else
        {
            Assert.Equal(1u, BinaryPrimitives.ReadUInt32BigEndian(header));
            Assert.Equal((ulong)boxLength, BinaryPrimitives.ReadUInt64BigEndian(header.AsSpan(8)));
        }
    }

    [Fact]
    public void Seek_AnywhereInAHugeStream_ReadsTheRightSegmentWithoutAllocatingIt()
    {
        var length = Clip.Length + (6L << 30);
        using var stream = new PaddedMp4Stream(Clip, length);
        var buffer = new byte[32];

        stream.Seek(Clip.Length - 8, SeekOrigin.Begin);
        stream.ReadExactly(buffer);
        var aroundHeader = buffer.ToArray();
        stream.Seek(-32, SeekOrigin.End);
        stream.ReadExactly(buffer);

        Assert.Equal(Clip[^8..], aroundHeader[..8]);
        Assert.Equal(1u, BinaryPrimitives.ReadUInt32BigEndian(aroundHeader.AsSpan(8)));
        Assert.Equal((ulong)(length - Clip.Length), BinaryPrimitives.ReadUInt64BigEndian(aroundHeader.AsSpan(16)));
        Assert.All(buffer, b => Assert.Equal(0, b));
        Assert.Equal(0, stream.Read(buffer));
        Assert.Equal(length, stream.Position);
    }

    [Fact]
    public void Read_AtArbitraryOffsets_MatchesASequentialRead()
    {
        using var stream = new PaddedMp4Stream(Clip, Clip.Length + 5000);
        var whole = ReadAll(stream, bufferSize: 4096);

        foreach (var offset in new[] { 0, 1, Clip.Length - 1, Clip.Length, Clip.Length + 3, Clip.Length + 8, whole.Length - 1 })
        {
            stream.Position = offset;
            var chunk = new byte[Math.Min(100, whole.Length - offset)];
            stream.ReadExactly(chunk);
            Assert.Equal(whole.AsSpan(offset, chunk.Length).ToArray(), chunk);
        }
    }

    [Fact]
    public void Constructor_UnrepresentableLength_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new PaddedMp4Stream(Clip, Clip.Length + 3));

    private static byte[] ReadAll(Stream stream, int bufferSize)
    {
        using var copy = new MemoryStream();
        stream.CopyTo(copy, bufferSize);
        return copy.ToArray();
    }
}
