using Microsoft.AspNetCore.Http;
using VideoPipeline.Core.Providers;
using VideoPipeline.Testing.Http;

namespace VideoPipeline.Core.Tests.Archive;

/// <summary>
/// A real Kestrel server on a free loopback port standing in for a provider's result URLs, so the archiver reads
/// through a real HTTP response: real Content-Length, real content types, real dropped connections.
/// </summary>
public sealed class VideoSourceServer : IAsyncLifetime
{
    private ScriptedHttpServer? _server;
    private HttpClient? _client;

    private ScriptedHttpServer Server => _server ?? throw new InvalidOperationException("The server has not started.");

    private HttpClient Client => _client ?? throw new InvalidOperationException("The server has not started.");

    public async Task InitializeAsync()
    {
        _server = await ScriptedHttpServer.StartAsync();
        _client = new HttpClient { BaseAddress = _server.BaseUrl };
    }

    public async Task DisposeAsync()
    {
        _client?.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    /// <summary>
    /// Serves <paramref name="body"/> with its full length as Content-Length; with <paramref name="dropAfter"/>, sends
    /// only that many bytes and then aborts the connection.
    /// </summary>
    public Func<CancellationToken, Task<ResultContent>> Serve(
        byte[] body, string contentType = "video/mp4", int? dropAfter = null, int status = StatusCodes.Status200OK)
    {
        var path = $"/results/{Guid.NewGuid():N}.mp4";
        Server.On("GET", path, context => ServeAsync(context, body, contentType, dropAfter, status));
        return cancellationToken => OpenAsync(path, cancellationToken);
    }

    /// <summary>Opens a result the way a provider client does: streamed, and failing on a non-success status.</summary>
    private async Task<ResultContent> OpenAsync(string path, CancellationToken cancellationToken)
    {
        var response = await Client.GetAsync(path, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        try
        {
            response.EnsureSuccessStatusCode();
            var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
            var headers = response.Content.Headers;
            return new ResultContent(stream, headers.ContentLength, headers.ContentType?.ToString(), response);
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    private static async Task ServeAsync(HttpContext context, byte[] body, string contentType, int? dropAfter, int status)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = contentType;
        context.Response.ContentLength = body.Length;
        await context.Response.Body.WriteAsync(body.AsMemory(0, dropAfter ?? body.Length));
        if (dropAfter is not null)
        {
            await context.Response.Body.FlushAsync();
            context.Abort();
        }
    }
}
