using System.Buffers.Binary;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using VideoPipeline.Emulator.Tests.Infrastructure;

namespace VideoPipeline.Emulator.Tests.Media;

/// <summary>Result files as a CDN serves them: lengths, ranges, HEAD, and real MP4 bytes.</summary>
public sealed class ResultContentTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    private EmulatorClient Client => fixture.Client;

    [Fact]
    public async Task File_RangeRequest_Returns206WithMatchingBytes()
    {
        var url = await ResultUrlAsync("[emu:bytes=100000]");
        var full = await Client.Anonymous.GetByteArrayAsync(url);
        using var request = new HttpRequestMessage(HttpMethod.Get, url) { Headers = { Range = new RangeHeaderValue(4000, 4999) } };

        using var response = await Client.Anonymous.SendAsync(request);

        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal("bytes 4000-4999/100000", response.Content.Headers.ContentRange?.ToString());
        Assert.Equal(1000, response.Content.Headers.ContentLength);
        Assert.Equal(full[4000..5000], await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task File_SuffixAndOpenRanges_ReturnTheRequestedTail()
    {
        var url = await ResultUrlAsync("[emu:bytes=100000]");
        var full = await Client.Anonymous.GetByteArrayAsync(url);
        using var suffix = new HttpRequestMessage(HttpMethod.Get, url) { Headers = { Range = new RangeHeaderValue(null, 16) } };
        using var open = new HttpRequestMessage(HttpMethod.Get, url) { Headers = { Range = new RangeHeaderValue(99_990, null) } };

        using var suffixResponse = await Client.Anonymous.SendAsync(suffix);
        using var openResponse = await Client.Anonymous.SendAsync(open);

        Assert.Equal("bytes 99984-99999/100000", suffixResponse.Content.Headers.ContentRange?.ToString());
        Assert.Equal(full[^16..], await suffixResponse.Content.ReadAsByteArrayAsync());
        Assert.Equal("bytes 99990-99999/100000", openResponse.Content.Headers.ContentRange?.ToString());
        Assert.Equal(full[^10..], await openResponse.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task File_RangeBeyondTheEnd_Returns416()
    {
        var url = await ResultUrlAsync("[emu:bytes=100000]");
        using var request = new HttpRequestMessage(HttpMethod.Get, url) { Headers = { Range = new RangeHeaderValue(200_000, 200_100) } };

        using var response = await Client.Anonymous.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestedRangeNotSatisfiable, response.StatusCode);
        Assert.Equal("bytes */100000", response.Content.Headers.ContentRange?.ToString());
    }

    [Fact]
    public async Task File_Head_ReturnsLengthAndRangeSupportWithoutBody()
    {
        var url = await ResultUrlAsync("[emu:bytes=123456]");

        using var response = await Client.Anonymous.SendAsync(new HttpRequestMessage(HttpMethod.Head, url));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(123_456, response.Content.Headers.ContentLength);
        Assert.Contains("bytes", response.Headers.AcceptRanges);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task File_UnknownToken_Returns404NoSuchKey()
    {
        using var response = await Client.Anonymous.GetAsync("files/0123456789abcdef0123456789abcdef.mp4");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("<Code>NoSuchKey</Code>", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task File_OneMebibyte_StartsWithFtypEndsWithFreeBoxAndPassesFfmpeg()
    {
        var url = await ResultUrlAsync("[emu:bytes=1048576]");

        var bytes = await Client.Anonymous.GetByteArrayAsync(url);

        Assert.Equal(1_048_576, bytes.Length);
        var boxes = TopLevelBoxes(bytes);
        Assert.Equal("ftyp", boxes[0].Type);
        Assert.Contains(boxes, b => b.Type == "moov");
        Assert.Equal("free", boxes[^1].Type);
        Assert.Equal(bytes.Length, boxes.Sum(b => b.Size));
        Assert.Null(await Ffmpeg.ValidateAsync(bytes));
    }

    [Fact]
    public async Task File_LargerThan4GiB_Uses64BitFreeBoxThatFfmpegAcceptsOverHttp()
    {
        const long size = (5L << 30) + 12_345;
        var url = await ResultUrlAsync($"[emu:bytes={size}]");
        var clipLength = (await Client.Anonymous.GetByteArrayAsync("samples/input.mp4")).Length;
        using var request = new HttpRequestMessage(HttpMethod.Get, url) { Headers = { Range = new RangeHeaderValue(clipLength, clipLength + 15) } };

        using var header = await Client.Anonymous.SendAsync(request);
        var bytes = await header.Content.ReadAsByteArrayAsync();

        Assert.Equal(1u, BinaryPrimitives.ReadUInt32BigEndian(bytes));
        Assert.Equal("free", Encoding.ASCII.GetString(bytes, 4, 4));
        Assert.Equal((ulong)(size - clipLength), BinaryPrimitives.ReadUInt64BigEndian(bytes.AsSpan(8)));
        Assert.Null(await Ffmpeg.ValidateAsync(url));
    }

    [Fact]
    public async Task Samples_FirstFrameAndInputVideo_AreRealMedia()
    {
        var png = await Client.Anonymous.GetByteArrayAsync("samples/first-frame.png");
        using var video = await Client.Anonymous.GetAsync("samples/input.mp4");

        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, png[..4]);
        Assert.Equal("video/mp4", video.Content.Headers.ContentType?.MediaType);
        Assert.Null(await Ffmpeg.ValidateAsync(await video.Content.ReadAsByteArrayAsync()));
    }

    private async Task<string> ResultUrlAsync(string directives)
    {
        var id = await Client.CreateFoxTaskAsync(Prompts.Unique(directives));
        var task = await Client.WaitForFoxTaskAsync(id, "completed");
        return task.GetProperty("results")[0].GetString()!;
    }

    private static List<(string Type, long Size)> TopLevelBoxes(byte[] file)
    {
        var boxes = new List<(string, long)>();
        long offset = 0;
        while (offset < file.Length)
        {
            long size = BinaryPrimitives.ReadUInt32BigEndian(file.AsSpan((int)offset));
            var type = Encoding.ASCII.GetString(file, (int)offset + 4, 4);
            if (size == 1)
            {
                size = (long)BinaryPrimitives.ReadUInt64BigEndian(file.AsSpan((int)offset + 8));
            }

            boxes.Add((type, size));
            offset += size;
        }

        return boxes;
    }
}
