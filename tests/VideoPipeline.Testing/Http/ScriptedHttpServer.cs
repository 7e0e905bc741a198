using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace VideoPipeline.Testing.Http;

/// <summary>
/// A real Kestrel server on loopback standing in for a provider, a result URL or a callback receiver, scripted per
/// test: each route answers with its handlers in turn (the last one repeats), every request is recorded with its
/// headers and body (and handlers can still read the body). Unscripted routes answer 404 unless
/// <see cref="Otherwise"/> says otherwise.
/// </summary>
public sealed class ScriptedHttpServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, Route> _routes = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private Func<HttpContext, Task> _otherwise = NotScripted;

    private ScriptedHttpServer(WebApplication app) => _app = app;

    public Uri BaseUrl { get; private set; } = null!;

    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    public static async Task<ScriptedHttpServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var server = new ScriptedHttpServer(app);
        app.Run(server.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        server.BaseUrl = new Uri(address.TrimEnd('/') + "/");
        return server;
    }

    /// <summary>Scripts <paramref name="method"/> <paramref name="path"/> (path only, no query).</summary>
    public void On(string method, string path, params Func<HttpContext, Task>[] handlers) =>
        _routes[Key(method, path)] = new Route(handlers);

    /// <summary>Answers every request no route scripts, for paths not known in advance.</summary>
    public void Otherwise(Func<HttpContext, Task> handler) => _otherwise = handler;

    public Uri Url(string pathAndQuery) => new(BaseUrl, pathAndQuery.TrimStart('/'));

    public IReadOnlyList<RecordedRequest> RequestsTo(string method, string path) =>
        Requests.Where(r => r.Method == method && r.Path == path).ToList();

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    public static Func<HttpContext, Task> Json(int status, string json, params (string Name, string Value)[] headers) =>
        context => Respond(context, status, "application/json", Encoding.UTF8.GetBytes(json), headers);

    public static Func<HttpContext, Task> Bytes(int status, string contentType, byte[] body, params (string Name, string Value)[] headers) =>
        context => Respond(context, status, contentType, body, headers);

    public static Func<HttpContext, Task> Status(int status, params (string Name, string Value)[] headers) =>
        context => Respond(context, status, "text/plain", [], headers);

    /// <summary>Holds the request until the client gives up (its timeout or a dropped connection).</summary>
    public static Func<HttpContext, Task> Hang() => async context =>
    {
        try
        {
            await Task.Delay(Timeout.Infinite, context.RequestAborted);
        }
        catch (OperationCanceledException)
        {
        }
    };

    /// <summary>Reads the request, then resets the connection without answering.</summary>
    public static Func<HttpContext, Task> DropConnection() => context =>
    {
        context.Abort();
        return Task.CompletedTask;
    };

    private static async Task Respond(
        HttpContext context, int status, string contentType, byte[] body, (string Name, string Value)[] headers)
    {
        context.Response.StatusCode = status;
        foreach (var (name, value) in headers)
        {
            context.Response.Headers[name] = value;
        }

        if (body.Length > 0)
        {
            context.Response.ContentType = contentType;
            context.Response.ContentLength = body.Length;
            await context.Response.Body.WriteAsync(body);
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        var body = buffer.ToArray();
        _requests.Enqueue(new RecordedRequest(
            context.Request.Method,
            context.Request.Path.Value ?? "/",
            context.Request.QueryString.Value ?? "",
            context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
            body));
        context.Request.Body = new MemoryStream(body, writable: false);

        var handler = _routes.TryGetValue(Key(context.Request.Method, context.Request.Path.Value ?? "/"), out var route)
            ? route.Next()
            : _otherwise;
        await handler(context);
    }

    private static async Task NotScripted(HttpContext context)
    {
        context.Response.StatusCode = 404;
        await context.Response.WriteAsync($"no script for {context.Request.Method} {context.Request.Path}");
    }

    private static string Key(string method, string path) => method.ToUpperInvariant() + " " + path;

    private sealed class Route(Func<HttpContext, Task>[] handlers)
    {
        private int _calls;

        public Func<HttpContext, Task> Next() => handlers[Math.Min(Interlocked.Increment(ref _calls) - 1, handlers.Length - 1)];
    }
}
