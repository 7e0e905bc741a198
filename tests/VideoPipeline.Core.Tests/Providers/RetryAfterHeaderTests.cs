using VideoPipeline.Core.Providers;

namespace VideoPipeline.Core.Tests.Providers;

public sealed class RetryAfterHeaderTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("0", 0)]
    [InlineData("120", 120)]
    [InlineData(" 7 ", 7)]
    public void Parse_DelaySeconds_IsThatDelay(string value, int seconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(seconds), RetryAfterHeader.Parse(value, Now));
    }

    [Fact]
    public void Parse_HttpDateInTheFuture_IsTheRemainingDelay()
    {
        Assert.Equal(TimeSpan.FromSeconds(90), RetryAfterHeader.Parse("Sun, 01 Mar 2026 12:01:30 GMT", Now));
    }

    [Theory]
    [InlineData("Sunday, 01-Mar-26 12:01:30 GMT")]
    [InlineData("Sun Mar  1 12:01:30 2026")]
    public void Parse_ObsoleteHttpDateForms_AreAccepted(string value)
    {
        Assert.Equal(TimeSpan.FromSeconds(90), RetryAfterHeader.Parse(value, Now));
    }

    [Fact]
    public void Parse_HttpDateInThePast_IsZero()
    {
        Assert.Equal(TimeSpan.Zero, RetryAfterHeader.Parse("Wed, 21 Oct 2015 07:28:00 GMT", Now));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("soon")]
    [InlineData("-5")]
    [InlineData("1.5")]
    [InlineData("2026-03-01T12:01:30Z")]
    public void Parse_AbsentOrMalformed_IsNull(string? value)
    {
        Assert.Null(RetryAfterHeader.Parse(value, Now));
    }

    [Fact]
    public void Read_RetryAfterMsHeader_WinsOverSeconds()
    {
        using var response = new HttpResponseMessage(System.Net.HttpStatusCode.TooManyRequests);
        response.Headers.TryAddWithoutValidation("Retry-After", "5");
        response.Headers.TryAddWithoutValidation("retry-after-ms", "1500");

        Assert.Equal(TimeSpan.FromMilliseconds(1500), RetryAfterHeader.Read(response, TimeProvider.System));
    }
}
