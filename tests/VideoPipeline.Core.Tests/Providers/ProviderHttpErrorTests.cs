using System.Net;
using Microsoft.AspNetCore.Http;
using System.Net.Sockets;
using VideoPipeline.Core.Jobs;
using VideoPipeline.Core.Providers;
using VideoPipeline.Core.Tests.Providers.Infrastructure;
using VideoPipeline.Testing.Http;
using static VideoPipeline.Testing.Http.ScriptedHttpServer;

namespace VideoPipeline.Core.Tests.Providers;

/// <summary>Error classification and the resilience pipeline, over real HTTP (shared by the three dialects).</summary>
public sealed class ProviderHttpErrorTests : ScriptedProviderTests
{
    private const string SubmitPath = "/v1/videos/generations";
    private const string StatusPath = "/v1/tasks/task-1";
    private const string StatusBody = """{"id":"task-1","status":"processing","progress":10}""";

    private IVideoProviderClient FoxApi => Host.Client(ProviderName.FoxApi);

    /// <summary>A host whose FoxAPI attempts time out after 2 s (and media attempts after 1 s), for the timeout tests only.</summary>
    private ProviderTestHost ShortTimeoutHost() => ProviderTestHost.Create(Server, new Dictionary<string, string?>
    {
        ["Providers:FoxApi:Timeout"] = "00:00:02",
        ["Providers:Resilience:MediaTimeout"] = "00:00:01",
    });

    private static ProviderSubmission Submission() => Submissions.For(ProviderName.FoxApi, "sora-2", Submissions.Prompt("p"));

    public static TheoryData<int, string, bool, bool> DocumentedStatuses => new()
    {
        // status, code, transient, may have been processed
        { 400, ErrorCodes.InvalidInput, false, false },
        { 401, ErrorCodes.Unauthorized, false, false },
        { 402, ErrorCodes.InsufficientQuota, false, false },
        { 403, ErrorCodes.Unauthorized, false, false },
        { 404, ErrorCodes.NotFound, false, false },
        { 422, ErrorCodes.InvalidInput, false, false },
        { 429, ErrorCodes.RateLimited, true, false },
        { 500, ErrorCodes.ProviderUnavailable, true, true },
        { 502, ErrorCodes.ProviderUnavailable, true, true },
        { 503, ErrorCodes.ProviderUnavailable, true, true },
        { 504, ErrorCodes.ProviderUnavailable, true, true },
        { 409, ErrorCodes.ProviderError, false, false },
    };

    [Theory]
    [MemberData(nameof(DocumentedStatuses))]
    public async Task SubmitAsync_HttpError_MapsToPreciseCodeAndIsNeverRetried(int status, string code, bool transient, bool processed)
    {
        Server.On("POST", SubmitPath, Json(status, """{"error":{"message":"provider says no","type":"some_error_type"}}"""));

        var error = await Assert.ThrowsAsync<ProviderException>(() => FoxApi.SubmitAsync(Submission()));

        Assert.Equal(code, error.Code);
        Assert.Equal(status, error.StatusCode);
        Assert.Equal(transient, error.IsTransient);
        Assert.Equal(processed, error.RequestMayHaveBeenProcessed);
        Assert.Contains("provider says no", error.Message, StringComparison.Ordinal);
        Assert.Contains("some_error_type", error.Message, StringComparison.Ordinal);
        Assert.Single(Server.RequestsTo("POST", SubmitPath));
    }

    [Fact]
    public async Task SubmitAsync_429WithRetryAfterSeconds_CarriesRetryAfter()
    {
        Server.On("POST", SubmitPath, Json(429, """{"error":{"message":"slow down","type":"rate_limit_error"}}""", ("Retry-After", "17")));

        var error = await Assert.ThrowsAsync<ProviderException>(() => FoxApi.SubmitAsync(Submission()));

        Assert.Equal(ErrorCodes.RateLimited, error.Code);
        Assert.Equal(TimeSpan.FromSeconds(17), error.RetryAfter);
        Assert.False(error.RequestMayHaveBeenProcessed);
    }

    [Fact]
    public async Task SubmitAsync_429WithRetryAfterDate_CarriesTheRemainingDelay()
    {
        var at = DateTimeOffset.UtcNow.AddMinutes(10);
        Server.On("POST", SubmitPath, Status(429, ("Retry-After", at.ToString("r"))));

        var error = await Assert.ThrowsAsync<ProviderException>(() => FoxApi.SubmitAsync(Submission()));

        Assert.NotNull(error.RetryAfter);
        Assert.InRange(error.RetryAfter.Value, TimeSpan.FromMinutes(8), TimeSpan.FromMinutes(10));
    }

    [Fact]
    public async Task SubmitAsync_503WithRetryAfter_IsCertainlyNotProcessed()
    {
        Server.On("POST", SubmitPath, Status(503, ("Retry-After", "5")));

        var error = await Assert.ThrowsAsync<ProviderException>(() => FoxApi.SubmitAsync(Submission()));

        Assert.Equal(ErrorCodes.ProviderUnavailable, error.Code);
        Assert.True(error.IsTransient);
        Assert.False(error.RequestMayHaveBeenProcessed);
        Assert.Equal(TimeSpan.FromSeconds(5), error.RetryAfter);
    }

    [Fact]
    public async Task SubmitAsync_429InsufficientQuotaBody_IsInsufficientQuota()
    {
        Server.On("POST", SubmitPath, Json(429, """{"error":{"message":"You exceeded your quota","type":"insufficient_quota","code":"insufficient_quota"}}"""));

        var error = await Assert.ThrowsAsync<ProviderException>(() => FoxApi.SubmitAsync(Submission()));

        Assert.Equal(ErrorCodes.InsufficientQuota, error.Code);
        Assert.False(error.IsTransient);
    }

    [Fact]
    public async Task SubmitAsync_HtmlErrorPage_KeepsItsTextInTheMessage()
    {
        Server.On("POST", SubmitPath, Bytes(502, "text/html", "<html>Bad gateway from nginx</html>"u8.ToArray()));

        var error = await Assert.ThrowsAsync<ProviderException>(() => FoxApi.SubmitAsync(Submission()));

        Assert.Equal(ErrorCodes.ProviderUnavailable, error.Code);
        Assert.Contains("Bad gateway from nginx", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not json at all")]
    [InlineData("""{"id":"task-1","status":""")]
    [InlineData("""{"status":"pending"}""")]
    [InlineData("""{"id":"task-1","status":"brand_new_status"}""")]
    public async Task SubmitAsync_UnreadableAcceptedAnswer_IsProtocolErrorThatMayHaveBeenProcessed(string body)
    {
        Server.On("POST", SubmitPath, Bytes(200, "application/json", System.Text.Encoding.UTF8.GetBytes(body)));

        var error = await Assert.ThrowsAsync<ProviderException>(() => FoxApi.SubmitAsync(Submission()));

        Assert.Equal(ErrorCodes.ProviderProtocolError, error.Code);
        Assert.False(error.IsTransient);
        Assert.True(error.RequestMayHaveBeenProcessed); // answered 2xx: the task may exist, never resubmit blindly
    }

    [Fact]
    public async Task GetStatusAsync_MalformedJsonAnswer_ThrowsProtocolError()
    {
        Server.On("GET", StatusPath, Bytes(200, "application/json", "{oops"u8.ToArray()));

        var error = await Assert.ThrowsAsync<ProviderException>(() => FoxApi.GetStatusAsync("sora-2", "task-1"));

        Assert.Equal(ErrorCodes.ProviderProtocolError, error.Code);
        Assert.Single(Server.RequestsTo("GET", StatusPath));
    }

    [Fact]
    public async Task SubmitAsync_Timeout_IsAmbiguousAndNotRetried()
    {
        Server.On("POST", SubmitPath, Hang());
        await using var host = ShortTimeoutHost();

        var error = await Assert.ThrowsAsync<ProviderException>(() => host.Client(ProviderName.FoxApi).SubmitAsync(Submission()));

        Assert.Equal(ErrorCodes.ProviderUnavailable, error.Code);
        Assert.True(error.IsTransient);
        Assert.True(error.RequestMayHaveBeenProcessed);
        Assert.Single(Server.RequestsTo("POST", SubmitPath));
    }

    [Fact]
    public async Task SubmitAsync_ConnectionDroppedAfterSending_IsAmbiguousAndNotRetried()
    {
        Server.On("POST", SubmitPath, DropConnection());

        var error = await Assert.ThrowsAsync<ProviderException>(() => FoxApi.SubmitAsync(Submission()));

        Assert.Equal(ErrorCodes.ProviderUnavailable, error.Code);
        Assert.True(error.IsTransient);
        Assert.True(error.RequestMayHaveBeenProcessed);
        Assert.Single(Server.RequestsTo("POST", SubmitPath));
    }

    [Fact]
    public async Task SubmitAsync_ConnectionRefused_IsTransientAndCertainlyNotProcessed()
    {
        await using var host = ProviderTestHost.Create(new Uri($"http://127.0.0.1:{ClosedPort()}/"));

        var error = await Assert.ThrowsAsync<ProviderException>(
            () => host.Client(ProviderName.FoxApi).SubmitAsync(Submission()));

        Assert.Equal(ErrorCodes.ProviderUnavailable, error.Code);
        Assert.True(error.IsTransient);
        Assert.False(error.RequestMayHaveBeenProcessed);
    }

    [Fact]
    public async Task SubmitAsync_CallerCancels_ThrowsOperationCanceledNotProviderException()
    {
        Server.On("POST", SubmitPath, Hang());
        await using var host = ProviderTestHost.Create(Server, new Dictionary<string, string?> { ["Providers:FoxApi:Timeout"] = "01:00:00" });
        using var cancellation = new CancellationTokenSource();

        var submit = host.Client(ProviderName.FoxApi).SubmitAsync(Submission(), cancellation.Token);
        await WaitForRequestAsync("POST", SubmitPath);
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => submit);
    }

    [Fact]
    public async Task GetStatusAsync_TransientFailuresThenSuccess_RetriesAndSucceeds()
    {
        Server.On("GET", StatusPath, Status(503), Json(429, "{}", ("Retry-After", "0")), Json(200, StatusBody));

        var task = await FoxApi.GetStatusAsync("sora-2", "task-1");

        Assert.Equal(ProviderTaskStatus.Running, task.Status);
        Assert.Equal(3, Server.RequestsTo("GET", StatusPath).Count);
    }

    [Fact]
    public async Task GetStatusAsync_AttemptTimesOutThenAnswers_RetriesAndSucceeds()
    {
        Server.On("GET", StatusPath, Hang(), Json(200, StatusBody));
        await using var host = ShortTimeoutHost();

        var task = await host.Client(ProviderName.FoxApi).GetStatusAsync("sora-2", "task-1");

        Assert.Equal("task-1", task.TaskId);
        Assert.Equal(2, Server.RequestsTo("GET", StatusPath).Count);
    }

    [Fact]
    public async Task GetStatusAsync_ConnectionDroppedThenAnswers_RetriesAndSucceeds()
    {
        Server.On("GET", StatusPath, DropConnection(), Json(200, StatusBody));

        var task = await FoxApi.GetStatusAsync("sora-2", "task-1");

        Assert.Equal("task-1", task.TaskId);
        Assert.Equal(2, Server.RequestsTo("GET", StatusPath).Count);
    }

    [Fact]
    public async Task GetStatusAsync_PersistentServerError_GivesUpAfterConfiguredRetries()
    {
        Server.On("GET", StatusPath, Json(500, """{"error":{"message":"boom","type":"server_error"}}"""));

        var error = await Assert.ThrowsAsync<ProviderException>(() => FoxApi.GetStatusAsync("sora-2", "task-1"));

        Assert.Equal(ErrorCodes.ProviderUnavailable, error.Code);
        Assert.Equal(1 + 2, Server.RequestsTo("GET", StatusPath).Count); // MaxRetryAttempts = 2 in the test host
    }

    [Fact]
    public async Task GetStatusAsync_RetryAfterLongerThanTheCap_IsReturnedToTheCallerUnretried()
    {
        Server.On("GET", StatusPath, Json(429, "{}", ("Retry-After", "120")));

        var error = await Assert.ThrowsAsync<ProviderException>(() => FoxApi.GetStatusAsync("sora-2", "task-1"));

        Assert.Equal(ErrorCodes.RateLimited, error.Code);
        Assert.Equal(TimeSpan.FromSeconds(120), error.RetryAfter);
        Assert.Single(Server.RequestsTo("GET", StatusPath));
    }

    [Theory]
    [InlineData(400)]
    [InlineData(401)]
    [InlineData(404)]
    public async Task GetStatusAsync_PermanentError_IsNotRetried(int status)
    {
        Server.On("GET", StatusPath, Status(status));

        await Assert.ThrowsAsync<ProviderException>(() => FoxApi.GetStatusAsync("sora-2", "task-1"));

        Assert.Single(Server.RequestsTo("GET", StatusPath));
    }

    [Fact]
    public async Task SubmitAsync_RateLimiterQueueFull_FailsFastWithoutSending()
    {
        Server.On("POST", SubmitPath, Json(200, """{"id":"task-1","status":"pending"}"""));
        await using var host = ProviderTestHost.Create(Server, new Dictionary<string, string?> { ["Providers:FoxApi:RequestsPerMinute"] = "1" });
        var client = host.Client(ProviderName.FoxApi);
        using var cancellation = new CancellationTokenSource();

        await client.SubmitAsync(Submission()); // takes the only token
        var queued = client.SubmitAsync(Submission(), cancellation.Token); // waits for the next token (a minute)
        var error = await Assert.ThrowsAsync<ProviderException>(() => client.SubmitAsync(Submission())); // queue full

        Assert.Equal(ErrorCodes.RateLimited, error.Code);
        Assert.True(error.IsTransient);
        Assert.False(error.RequestMayHaveBeenProcessed);
        Assert.False(queued.IsCompleted);
        await cancellation.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => queued);
        Assert.Single(Server.RequestsTo("POST", SubmitPath));
    }

    [Fact]
    public async Task SubmitAsync_RateLimitOnOneProvider_DoesNotThrottleAnother()
    {
        Server.On("POST", SubmitPath, Json(200, """{"id":"task-1","status":"pending"}"""));
        Server.On("GET", "/api/v1/statusTask/sora-2-pro", Json(200, """{"code":200,"data":{"taskId":"a","state":"pending"}}"""));
        await using var host = ProviderTestHost.Create(Server, new Dictionary<string, string?> { ["Providers:FoxApi:RequestsPerMinute"] = "1" });

        await host.Client(ProviderName.FoxApi).SubmitAsync(Submission());
        for (var i = 0; i < 5; i++)
        {
            await host.Client(ProviderName.Apixo).GetStatusAsync("sora-2-pro", "a");
        }

        Assert.Equal(5, Server.RequestsTo("GET", "/api/v1/statusTask/sora-2-pro").Count);
    }

    [Fact]
    public async Task GetStatusAsync_BodyStallsAfterHeaders_TimesOutAsMayHaveBeenProcessed()
    {
        Server.On("GET", StatusPath, async context =>
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync("""{"id":"task-1",""");
            await context.Response.Body.FlushAsync();
            await Hang()(context);
        });
        await using var host = ShortTimeoutHost();

        var error = await Assert.ThrowsAsync<ProviderException>(() => host.Client(ProviderName.FoxApi).GetStatusAsync("sora-2", "task-1"));

        Assert.Equal(ErrorCodes.ProviderUnavailable, error.Code);
        Assert.True(error.IsTransient);
        Assert.True(error.RequestMayHaveBeenProcessed);
    }

    [Fact]
    public async Task OpenResultAsync_StreamLongerThanTheAttemptTimeout_IsNotCut()
    {
        // The attempt timeout covers the wait for response headers, not the download of a large video.
        await using var host = ShortTimeoutHost();
        var gate = new TaskCompletionSource();
        Server.On("GET", "/files/slow.mp4", async context =>
        {
            context.Response.ContentType = "video/mp4";
            context.Response.ContentLength = 6;
            await context.Response.Body.WriteAsync("abc"u8.ToArray());
            await context.Response.Body.FlushAsync();
            await gate.Task;
            await context.Response.Body.WriteAsync("def"u8.ToArray());
        });
        var task = new ProviderTask("task-1", ProviderTaskStatus.Succeeded, "completed", ResultUrls: [Server.Url("files/slow.mp4")]);

        await using var content = await host.Client(ProviderName.FoxApi).OpenResultAsync(task);
        var first = new byte[3];
        await content.Stream.ReadExactlyAsync(first);
        await Task.Delay(TimeSpan.FromSeconds(2.5)); // more than two media attempt timeouts pass mid-body
        gate.SetResult();
        var rest = new byte[3];
        await content.Stream.ReadExactlyAsync(rest);

        Assert.Equal("abcdef", System.Text.Encoding.ASCII.GetString([.. first, .. rest]));
    }

    [Fact]
    public async Task OpenResultAsync_NoHeadersWithinTheAttemptTimeout_RetriesThenFailsAsUnavailable()
    {
        await using var host = ShortTimeoutHost();
        Server.On("GET", "/files/stuck.mp4", Hang());
        var task = new ProviderTask("task-1", ProviderTaskStatus.Succeeded, "completed", ResultUrls: [Server.Url("files/stuck.mp4")]);

        var error = await Assert.ThrowsAsync<ProviderException>(() => host.Client(ProviderName.FoxApi).OpenResultAsync(task));

        Assert.Equal(ErrorCodes.ProviderUnavailable, error.Code);
        Assert.True(error.IsTransient);
        Assert.Equal(1 + 2, Server.RequestsTo("GET", "/files/stuck.mp4").Count);
    }

    private async Task WaitForRequestAsync(string method, string path)
    {
        while (Server.RequestsTo(method, path).Count == 0)
        {
            await Task.Delay(10);
        }
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
