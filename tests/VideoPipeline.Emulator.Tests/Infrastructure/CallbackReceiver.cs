using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using VideoPipeline.Testing.Http;

namespace VideoPipeline.Emulator.Tests.Infrastructure;

/// <summary>
/// A real HTTP endpoint on a free loopback port that records callbacks under <c>/hooks/{name}</c>. Query
/// <c>fail=N</c> makes it answer the first N requests for that name with <c>failStatus</c> (default 500), and
/// <c>okStatus</c> chooses the answer after that (default 200); <c>slowFirst=N&amp;slowMs=M</c> makes the first N
/// answers wait M ms. Webhooks, which share one URL, can be failed per video id with <see cref="FailFirstForVideo"/>.
/// </summary>
public sealed class CallbackReceiver : IAsyncDisposable
{
    private readonly ScriptedHttpServer _server;
    private readonly ConcurrentQueue<ReceivedCallback> _received = new();
    private readonly ConcurrentDictionary<string, int> _attempts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _failuresByVideo = new(StringComparer.Ordinal);

    private CallbackReceiver(ScriptedHttpServer server)
    {
        _server = server;
        server.Otherwise(HandleAsync);
    }

    public Uri BaseUrl => _server.BaseUrl;

    public static async Task<CallbackReceiver> StartAsync() => new(await ScriptedHttpServer.StartAsync());

    public Uri UrlFor(string name, int failFirst = 0, int failStatus = 500, int okStatus = 200, int slowFirst = 0, int slowMs = 0) =>
        new(BaseUrl, $"hooks/{name}?fail={failFirst}&failStatus={failStatus}&okStatus={okStatus}&slowFirst={slowFirst}&slowMs={slowMs}");

    public void FailFirstForVideo(string videoId, int count) => _failuresByVideo[videoId] = count;

    public IReadOnlyList<ReceivedCallback> For(string name) => _received.Where(r => r.Name == name).OrderBy(r => r.Attempt).ToList();

    public async Task<IReadOnlyList<ReceivedCallback>> WaitForAsync(string name, int count, TimeSpan? timeout = null) =>
        await Poll.UntilAsync(() => Task.FromResult(For(name)), received => received.Count >= count, timeout,
            $"{count} callback(s) named '{name}'");

    /// <summary>Webhook requests concerning one video (by <c>data.id</c>).</summary>
    public IReadOnlyList<ReceivedCallback> ForVideo(string videoId) =>
        _received.Where(r => VideoIdOf(r.Body) == videoId).OrderBy(r => r.Attempt).ToList();

    public async Task<IReadOnlyList<ReceivedCallback>> WaitForVideoAsync(string videoId, int count, TimeSpan? timeout = null) =>
        await Poll.UntilAsync(() => Task.FromResult(ForVideo(videoId)), received => received.Count >= count, timeout,
            $"{count} webhook(s) for '{videoId}'");

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    private async Task HandleAsync(HttpContext context)
    {
        const string hooks = "/hooks/";
        var path = context.Request.Path.Value ?? "";
        if (!HttpMethods.IsPost(context.Request.Method) || !path.StartsWith(hooks, StringComparison.Ordinal))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        var name = path[hooks.Length..];
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer);
        var body = buffer.ToArray();
        var query = context.Request.Query;
        var videoId = VideoIdOf(body);
        var key = videoId is null ? name : $"{name}/{videoId}";
        var attempt = _attempts.AddOrUpdate(key, 1, (_, n) => n + 1);
        var failFirst = int.TryParse(query["fail"], out var fail) ? fail : 0;
        if (videoId is not null && _failuresByVideo.TryGetValue(videoId, out var videoFailures))
        {
            failFirst = videoFailures;
        }

        var status = attempt <= failFirst
            ? (int.TryParse(query["failStatus"], out var failStatus) ? failStatus : 500)
            : (int.TryParse(query["okStatus"], out var okStatus) ? okStatus : 200);
        var headers = context.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString());
        _received.Enqueue(new ReceivedCallback(name, attempt, headers, body, status, DateTimeOffset.UtcNow));
        if (int.TryParse(query["slowFirst"], out var slowFirst) && attempt <= slowFirst && int.TryParse(query["slowMs"], out var slowMs))
        {
            try
            {
                await Task.Delay(slowMs, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }

        context.Response.StatusCode = status;
    }

    private static string? VideoIdOf(byte[] body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            return json.RootElement.TryGetProperty("object", out var type) && type.GetString() == "event"
                ? json.RootElement.GetProperty("data").GetProperty("id").GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
