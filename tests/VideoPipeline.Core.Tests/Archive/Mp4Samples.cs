using System.Buffers.Binary;
using System.Text;
using VideoPipeline.Testing;

namespace VideoPipeline.Core.Tests.Archive;

/// <summary>Real and hand-built MP4 bytes for the archive tests.</summary>
internal static class Mp4Samples
{
    private static readonly Lazy<byte[]> LazySample = new(() => File.ReadAllBytes(
        RepositoryPaths.Combine("tests", "VideoPipeline.Core.Tests", "Archive", "TestData", "sample.mp4")));

    /// <summary>A real 2,778-byte H.264 MP4 made by ffmpeg (see TestData/README.md).</summary>
    public static byte[] Sample => LazySample.Value;

    /// <summary>The sample followed by a <c>free</c> box that brings it to <paramref name="totalLength"/> bytes: still a valid MP4.</summary>
    public static byte[] SampleOfLength(int totalLength)
    {
        var video = new byte[totalLength];
        Sample.CopyTo(video, 0);
        WriteBoxHeader(video.AsSpan(Sample.Length), "free", totalLength - Sample.Length);
        for (var i = Sample.Length + 8; i < video.Length; i++)
        {
            video[i] = (byte)(i * 31);
        }

        return video;
    }

    /// <summary>A box with a 32-bit size header and <paramref name="payloadLength"/> bytes of payload.</summary>
    public static byte[] Box(string type, int payloadLength)
    {
        var box = new byte[8 + payloadLength];
        WriteBoxHeader(box, type, box.Length);
        return box;
    }

    /// <summary>A box with <c>size == 1</c> and a 64-bit largesize.</summary>
    public static byte[] LargeBox(string type, int payloadLength)
    {
        var box = new byte[16 + payloadLength];
        BinaryPrimitives.WriteUInt32BigEndian(box, 1);
        Encoding.ASCII.GetBytes(type).CopyTo(box, 4);
        BinaryPrimitives.WriteUInt64BigEndian(box.AsSpan(8), (ulong)box.Length);
        return box;
    }

    /// <summary>A box header with <c>size == 0</c>: the box runs to the end of the stream.</summary>
    public static byte[] BoxToEnd(string type, int payloadLength)
    {
        var box = new byte[8 + payloadLength];
        WriteBoxHeader(box, type, 0);
        return box;
    }

    /// <summary>A minimal file type box: major brand, minor version, one compatible brand.</summary>
    public static byte[] FileType()
    {
        var box = Box("ftyp", 12);
        Encoding.ASCII.GetBytes("isomisom").CopyTo(box, 8);
        return box;
    }

    public static byte[] Concat(params byte[][] parts) => parts.SelectMany(part => part).ToArray();

    public static void WriteBoxHeader(Span<byte> destination, string type, int size)
    {
        BinaryPrimitives.WriteUInt32BigEndian(destination, (uint)size);
        Encoding.ASCII.GetBytes(type).CopyTo(destination[4..]);
    }
}
