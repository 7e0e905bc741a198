using System.Collections.Concurrent;
using System.Net;

namespace VideoPipeline.EndToEnd.Tests.Telemetry;

/// <summary>
/// The smallest OTLP/HTTP collector: it accepts every export (200, empty body, which OTLP/HTTP allows for a protobuf
/// success) and counts the non-empty ones per path (<c>/v1/traces</c>, <c>/v1/metrics</c>, <c>/v1/logs</c>).
/// It does not decode them; the in-process test (Functions tests, Telemetry/) checks what the spans say.
/// </summary>
public sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ConcurrentDictionary<string, int> _exports = new();
    private readonly Task _loop;

    public OtlpReceiver(int port)
    {
        Endpoint = new Uri($"http://127.0.0.1:{port}/");
        _listener.Prefixes.Add(Endpoint.AbsoluteUri);
        _listener.Start();
        _loop = Task.Run(ReceiveAsync);
    }

    public Uri Endpoint { get; }

    public int ExportsTo(string path) => _exports.GetValueOrDefault(path);

    public async ValueTask DisposeAsync()
    {
        _listener.Close();
        await _loop;
    }

    private async Task ReceiveAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            if (context.Request.HttpMethod == "POST" && body.Length > 0)
            {
                _exports.AddOrUpdate(context.Request.Url!.AbsolutePath, 1, (_, count) => count + 1);
            }

            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/x-protobuf";
            context.Response.Close();
        }
    }
}
