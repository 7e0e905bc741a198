using System.Text;
using VideoPipeline.Core.Archive;

namespace VideoPipeline.Core.Tests.Archive;

public class Mp4BoxValidatorTests
{
    [Fact]
    public void Complete_RealMp4InOneChunk_IsValid()
    {
        var validator = new Mp4BoxValidator();

        Assert.Equal(Mp4ValidationState.InProgress, validator.Append(Mp4Samples.Sample));
        Assert.Equal(Mp4ValidationState.Valid, validator.Complete());
        Assert.Equal(Mp4Samples.Sample.Length, validator.Length);
        Assert.Null(validator.Failure);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(7)]
    [InlineData(13)]
    public void Complete_RealMp4InSmallChunks_IsValid(int chunkSize)
    {
        Assert.Equal(Mp4ValidationState.Valid, Validate(Mp4Samples.Sample, chunkSize));
    }

    [Fact]
    public void Complete_LargesizeBoxSplitAtEveryOffset_IsValid()
    {
        var video = Mp4Samples.Concat(Mp4Samples.FileType(), Mp4Samples.Box("moov", 4), Mp4Samples.LargeBox("mdat", 5));

        for (var split = 0; split <= video.Length; split++)
        {
            var validator = new Mp4BoxValidator();
            validator.Append(video.AsSpan(0, split));
            validator.Append(video.AsSpan(split));

            Assert.Equal(Mp4ValidationState.Valid, validator.Complete());
        }
    }

    [Fact]
    public void Complete_LastBoxSizeZero_RunsToEndAndIsValid()
    {
        var video = Mp4Samples.Concat(Mp4Samples.FileType(), Mp4Samples.Box("moov", 4), Mp4Samples.BoxToEnd("mdat", 100));

        Assert.Equal(Mp4ValidationState.Valid, Validate(video, chunkSize: 5));
    }

    [Fact]
    public void Append_HtmlErrorPage_IsInvalidAfterFirstHeader()
    {
        var page = Encoding.UTF8.GetBytes("<!DOCTYPE html><html><body>403 Forbidden</body></html>");
        var validator = new Mp4BoxValidator();

        Assert.Equal(Mp4ValidationState.Invalid, validator.Append(page.AsSpan(0, 8)));
        Assert.Contains("ftyp", validator.Failure);
    }

    [Fact]
    public void Append_JsonErrorBody_IsInvalid()
    {
        var body = Encoding.UTF8.GetBytes("{\"error\":{\"code\":\"expired\"}}");

        Assert.Equal(Mp4ValidationState.Invalid, new Mp4BoxValidator().Append(body));
    }

    [Fact]
    public void Append_RandomBytes_IsInvalid()
    {
        var garbage = new byte[4096];
        new Random(42).NextBytes(garbage);

        Assert.Equal(Mp4ValidationState.Invalid, new Mp4BoxValidator().Append(garbage));
    }

    [Fact]
    public void Append_GarbageAfterValidBoxes_IsInvalid()
    {
        var video = Mp4Samples.Concat(Mp4Samples.Sample, [0x00, 0x00, 0x00, 0x10, 0xFF, 0x00, 0x13, 0x37]);

        Assert.Equal(Mp4ValidationState.Invalid, new Mp4BoxValidator().Append(video));
    }

    [Theory]
    [InlineData(2u)]
    [InlineData(7u)]
    public void Append_BoxSmallerThanItsHeader_IsInvalid(uint size)
    {
        var video = Mp4Samples.Concat(Mp4Samples.FileType(), Mp4Samples.Box("moov", 0));
        video[^8] = 0;
        video[^5] = (byte)size;

        Assert.Equal(Mp4ValidationState.Invalid, new Mp4BoxValidator().Append(video));
    }

    [Fact]
    public void Append_LargesizeSmallerThanItsHeader_IsInvalid()
    {
        var box = Mp4Samples.LargeBox("mdat", 0);
        box[^1] = 15;

        Assert.Equal(Mp4ValidationState.Invalid, new Mp4BoxValidator().Append(Mp4Samples.Concat(Mp4Samples.FileType(), box)));
    }

    [Fact]
    public void Append_FileTypeBoxTooSmall_IsInvalid()
    {
        Assert.Equal(Mp4ValidationState.Invalid, new Mp4BoxValidator().Append(Mp4Samples.Box("ftyp", 4)));
    }

    [Fact]
    public void Complete_EndsInsideABox_IsTruncated()
    {
        var validator = new Mp4BoxValidator();
        validator.Append(Mp4Samples.Sample.AsSpan(0, Mp4Samples.Sample.Length - 100));

        Assert.Equal(Mp4ValidationState.Truncated, validator.Complete());
        Assert.NotNull(validator.Failure);
    }

    [Fact]
    public void Complete_EndsInsideABoxHeader_IsTruncated()
    {
        var video = Mp4Samples.Concat(Mp4Samples.FileType(), Mp4Samples.Box("moov", 4), Mp4Samples.LargeBox("mdat", 4));
        var validator = new Mp4BoxValidator();
        validator.Append(video.AsSpan(0, video.Length - 4 - 3));

        Assert.Equal(Mp4ValidationState.Truncated, validator.Complete());
    }

    [Fact]
    public void Complete_NoBytes_IsInvalid()
    {
        Assert.Equal(Mp4ValidationState.Invalid, new Mp4BoxValidator().Complete());
    }

    [Fact]
    public void Complete_FewerBytesThanOneHeader_IsInvalid()
    {
        var validator = new Mp4BoxValidator();
        validator.Append("<ht"u8);

        Assert.Equal(Mp4ValidationState.Invalid, validator.Complete());
    }

    [Fact]
    public void Complete_NoMovieBox_IsInvalid()
    {
        var video = Mp4Samples.Concat(Mp4Samples.FileType(), Mp4Samples.Box("mdat", 64));

        Assert.Equal(Mp4ValidationState.Invalid, Validate(video, chunkSize: 64));
    }

    [Fact]
    public void Append_AfterInvalid_StaysInvalid()
    {
        var validator = new Mp4BoxValidator();
        validator.Append("<!DOCTYPE html>"u8);

        Assert.Equal(Mp4ValidationState.Invalid, validator.Append(Mp4Samples.Sample));
        Assert.Equal(Mp4ValidationState.Invalid, validator.Complete());
    }

    private static Mp4ValidationState Validate(byte[] video, int chunkSize)
    {
        var validator = new Mp4BoxValidator();
        for (var offset = 0; offset < video.Length; offset += chunkSize)
        {
            Assert.Equal(
                Mp4ValidationState.InProgress,
                validator.Append(video.AsSpan(offset, Math.Min(chunkSize, video.Length - offset))));
        }

        return validator.Complete();
    }
}
