using System.Text;
using VideoPipeline.Core.Jobs;
using VideoPipeline.Core.Providers;
using VideoPipeline.Core.Tests.Providers.Infrastructure;

namespace VideoPipeline.Core.Tests.Providers;

/// <summary>Every task shape FoxAPI's unified task API documents, read through the public callback parser (same shape as status).</summary>
public sealed class FoxApiTaskParsingTests : IAsyncLifetime
{
    private ProviderTestHost _host = null!;

    public Task InitializeAsync()
    {
        _host = ProviderTestHost.CreateOffline();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private ProviderTask Parse(string json) => _host.Client(ProviderName.FoxApi).ParseCallback(Encoding.UTF8.GetBytes(json));

    [Fact]
    public void ParseCallback_ResultsAsStrings_ReadsEveryUrl()
    {
        var task = Parse("""{"id":"t","status":"completed","results":["https://cdn.example/a.mp4","https://cdn.example/b.mp4"]}""");

        Assert.Equal([new Uri("https://cdn.example/a.mp4"), new Uri("https://cdn.example/b.mp4")], task.ResultUrls);
        Assert.Equal(ProviderTaskStatus.Succeeded, task.Status);
    }

    [Fact]
    public void ParseCallback_ResultsAsObjects_ReadsEveryUrl()
    {
        var task = Parse("""{"id":"t","status":"completed","results":[{"url":"https://cdn.example/a.mp4"}]}""");

        Assert.Equal([new Uri("https://cdn.example/a.mp4")], task.ResultUrls);
    }

    [Fact]
    public void ParseCallback_CompletedWithNullResults_StaysSucceededWithoutUrls()
    {
        var task = Parse("""{"id":"t","status":"completed","progress":100,"results":null,"error":null}""");

        Assert.Equal(ProviderTaskStatus.Succeeded, task.Status);
        Assert.Empty(task.ResultUrls);
        Assert.Null(task.Error);
    }

    [Fact]
    public void ParseCallback_OlderOutputShape_ReadsUrlAndUrls()
    {
        var task = Parse("""
            {"id":"t","status":"completed","output":{"url":"https://cdn.example/a.mp4",
             "urls":["https://cdn.example/a.mp4","https://cdn.example/b.mp4"],"duration":8,"width":1280,"height":720}}
            """);

        Assert.Equal([new Uri("https://cdn.example/a.mp4"), new Uri("https://cdn.example/b.mp4")], task.ResultUrls);
    }

    [Fact]
    public void ParseCallback_TaskInfo_ReadsEstimatedTimeAndProgress()
    {
        var task = Parse("""{"id":"t","status":"processing","progress":40,"task_info":{"can_cancel":true,"estimated_time":45}}""");

        Assert.Equal(ProviderTaskStatus.Running, task.Status);
        Assert.Equal(40, task.Progress);
        Assert.Equal(TimeSpan.FromSeconds(45), task.EstimatedTime);
    }

    [Fact]
    public void ParseCallback_Cancelled_IsCancelledWithCancelledError()
    {
        var task = Parse("""{"id":"t","status":"cancelled","task_info":{"can_cancel":false}}""");

        Assert.Equal(ProviderTaskStatus.Cancelled, task.Status);
        Assert.Equal("cancelled", task.RawStatus);
        Assert.Equal(ErrorCodes.Cancelled, task.Error?.Code);
        Assert.True(task.IsTerminal);
    }

    [Theory]
    [InlineData("pending", ProviderTaskStatus.Pending)]
    [InlineData("processing", ProviderTaskStatus.Running)]
    [InlineData("completed", ProviderTaskStatus.Succeeded)]
    [InlineData("failed", ProviderTaskStatus.Failed)]
    [InlineData("cancelled", ProviderTaskStatus.Cancelled)]
    public void ParseCallback_DocumentedStatus_IsNormalisedAndKeptRaw(string raw, ProviderTaskStatus expected)
    {
        var task = Parse($$"""{"id":"t","status":"{{raw}}"}""");

        Assert.Equal(expected, task.Status);
        Assert.Equal(raw, task.RawStatus);
    }

    [Theory]
    [InlineData("CONTENT_VIOLATION", ErrorCodes.ContentViolation)]
    [InlineData("moderation_blocked", ErrorCodes.ContentViolation)]
    [InlineData("INVALID_IMAGE_URL", ErrorCodes.InvalidInput)]
    [InlineData("upstream_error", ErrorCodes.GenerationFailed)]
    public void ParseCallback_FailedTaskError_MapsCodeAndKeepsTheProviderCode(string providerCode, string expected)
    {
        var task = Parse($$$"""
            {"id":"t","status":"failed","error":{"code":"{{{providerCode}}}","message":"it did not work","type":"task_error"}}
            """);

        Assert.Equal(ProviderTaskStatus.Failed, task.Status);
        Assert.Equal(expected, task.Error?.Code);
        Assert.Contains(providerCode, task.Error!.Message, StringComparison.Ordinal);
        Assert.Contains("it did not work", task.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseCallback_FailedWithoutError_IsGenerationFailed()
    {
        Assert.Equal(ErrorCodes.GenerationFailed, Parse("""{"id":"t","status":"failed","error":null}""").Error?.Code);
    }

    [Theory]
    [InlineData("""{"id":"t","status":"exploded"}""")]
    [InlineData("""{"id":"t"}""")]
    [InlineData("""{"status":"pending"}""")]
    [InlineData("""{"id":"t","status":"completed","results":["not a url"]}""")]
    [InlineData("""["not","an","object"]""")]
    [InlineData("""{"id":"t","status":""")]
    [InlineData("")]
    public void ParseCallback_UnknownStatusOrMalformedBody_ThrowsProtocolError(string json)
    {
        var error = Assert.Throws<ProviderException>(() => Parse(json));

        Assert.Equal(ErrorCodes.ProviderProtocolError, error.Code);
        Assert.False(error.IsTransient);
    }
}
