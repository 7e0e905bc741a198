using VideoPipeline.Emulator.Faults;

namespace VideoPipeline.Emulator.Tests.Faults;

public sealed class DirectiveParserTests
{
    [Fact]
    public void TryParse_PromptWithoutDirectives_GivesNone()
    {
        Assert.True(DirectiveParser.TryParse("A cat [in brackets] plays", out var directives, out _));
        Assert.Equal(JobDirectives.None, directives);
    }

    [Fact]
    public void TryParse_EveryDirective_IsRead()
    {
        const string prompt = "cat [emu:seconds=0.5] [EMU:Bytes=2048][emu:fail=CONTENT_VIOLATION][emu:submit=timeout]" +
                              "[emu:callback=early][emu:corrupt=html][emu:expire]";

        Assert.True(DirectiveParser.TryParse(prompt, out var directives, out var error), error);

        Assert.Equal(0.5, directives.Seconds);
        Assert.Equal(2048, directives.Bytes);
        Assert.Equal("CONTENT_VIOLATION", directives.FailCode);
        Assert.Equal(SubmitFault.Timeout, directives.SubmitFault);
        Assert.Equal(CallbackMode.Early, directives.Callback);
        Assert.Equal(ContentCorruption.Html, directives.Corruption);
        Assert.True(directives.Expire);
    }

    [Theory]
    [InlineData("[emu:submit=429]", nameof(SubmitFault.TooManyRequests))]
    [InlineData("[emu:submit=500]", nameof(SubmitFault.ServerError))]
    [InlineData("[emu:submit=TIMEOUT]", nameof(SubmitFault.Timeout))]
    public void TryParse_SubmitValues_MapToFaults(string prompt, string expected)
    {
        Assert.True(DirectiveParser.TryParse(prompt, out var directives, out _));
        Assert.Equal(expected, directives.SubmitFault.ToString());
    }

    [Theory]
    [InlineData("[emu:seconds=-1]")]
    [InlineData("[emu:seconds=1e9]")]
    [InlineData("[emu:seconds=]")]
    [InlineData("[emu:bytes=0]")]
    [InlineData("[emu:bytes=1.5]")]
    [InlineData("[emu:bytes=99999999999999999999]")]
    [InlineData("[emu:fail=]")]
    [InlineData("[emu:fail=has space]")]
    [InlineData("[emu:submit=503]")]
    [InlineData("[emu:callback=twice]")]
    [InlineData("[emu:corrupt=zip]")]
    [InlineData("[emu:expire=yes]")]
    [InlineData("[emu:teleport]")]
    [InlineData("[emu:seconds=1")]
    [InlineData("[emu:seconds=1][emu:SECONDS=2]")]
    public void TryParse_InvalidDirective_FailsWithAMessage(string prompt)
    {
        Assert.False(DirectiveParser.TryParse($"cat {prompt}", out _, out var error));
        Assert.False(string.IsNullOrWhiteSpace(error));
    }
}
