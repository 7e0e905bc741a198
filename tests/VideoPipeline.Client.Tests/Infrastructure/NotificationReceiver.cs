using System.Net;
using System.Threading.Channels;

namespace VideoPipeline.Client.Tests.Infrastructure;

/// <summary>
/// A small HTTP endpoint that an app would run behind its notify URL: it answers 200 and keeps each delivery's
/// headers and raw body, as received, for the verifier.
/// </summary>
public sealed class NotificationReceiver : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Channel<Delivery> _deliveries = Channel.CreateUnbounded<Delivery>();
    private readonly Task _loop;

    public NotificationReceiver(int port)
    {
        BaseUrl = new Uri($"http://127.0.0.1:{port}/");
        _listener.Prefixes.Add(BaseUrl.AbsoluteUri);
        _listener.Start();
        _loop = Task.Run(ReceiveAsync);
    }

    public Uri BaseUrl { get; }

    /// <summary>The next delivery; fails the test after the guard rather than hanging forever.</summary>
    public async Task<Delivery> NextAsync()
    {
        using var guard = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        return await _deliveries.Reader.ReadAsync(guard.Token);
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Close();
        await _loop;
        _deliveries.Writer.TryComplete();
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
            var headers = context.Request.Headers.AllKeys
                .Where(k => k is not null)
                .ToDictionary(k => k!, k => context.Request.Headers[k]!, StringComparer.OrdinalIgnoreCase);
            await _deliveries.Writer.WriteAsync(new Delivery(context.Request.Url!.AbsolutePath, headers, BinaryData.FromBytes(body.ToArray())));
            context.Response.StatusCode = 200;
            context.Response.Close();
        }
    }

    public sealed record Delivery(string Path, IReadOnlyDictionary<string, string> Headers, BinaryData Body)
    {
        public string? Header(string name) => Headers.GetValueOrDefault(name);
    }
}
