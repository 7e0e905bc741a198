using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using VideoPipeline.Core.Providers;

namespace VideoPipeline.Core.Tests.Archive;

/// <summary>
/// A real Kestrel server on a free loopback port standing in for a provider's result URLs, so the archiver reads
/// through a real HTTP response: real Content-Length, real content types, real dropped connections.
/// </summary>
public sealed class VideoSourceServer : IAsyncLifetime
{
    private readonly ConcurrentDictionary<string, Source> _sources = new();
    private WebApplication? _app;
    private HttpClient? _client;

    private HttpClient Client => _client ?? throw new InvalidOperationException("The server has not started.");

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _app = builder.Build();
        _app.Map("/{**path}", ServeAsync);
        await _app.StartAsync();

        var address = _app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>()
            .Addresses.Single();
        _client = new HttpClient { BaseAddress = new Uri(address) };
    }

    public async Task DisposeAsync()
    {
        _client?.Dispose();
        if (_app is not null)
        {
            await _app.DisposeAsync();
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
        _sources[path] = new Source(body, contentType, dropAfter, status);
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

    private async Task ServeAsync(HttpContext context)
    {
        if (!_sources.TryGetValue(context.Request.Path.Value ?? "", out var source))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        context.Response.StatusCode = source.Status;
        context.Response.ContentType = source.ContentType;
        context.Response.ContentLength = source.Body.Length;
        await context.Response.Body.WriteAsync(source.Body.AsMemory(0, source.DropAfter ?? source.Body.Length));
        if (source.DropAfter is not null)
        {
            await context.Response.Body.FlushAsync();
            context.Abort();
        }
    }

    private sealed record Source(byte[] Body, string ContentType, int? DropAfter, int Status);
}
