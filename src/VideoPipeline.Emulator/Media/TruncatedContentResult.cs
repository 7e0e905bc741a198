using System.Buffers;
using System.Net.Sockets;
using Microsoft.AspNetCore.Connections.Features;

namespace VideoPipeline.Emulator.Media;

/// <summary>
/// Announces the full <c>Content-Length</c>, sends about half of the bytes, then closes the connection: what a
/// client sees when a CDN or proxy dies mid-transfer. Range requests get the same treatment for the whole body.
/// </summary>
internal sealed class TruncatedContentResult(Stream content, string contentType) : IResult
{
    private const int BufferSize = 64 * 1024;

    private static readonly TimeSpan DrainTime = TimeSpan.FromMilliseconds(200);

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        await using var source = content;
        var response = httpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = contentType;
        response.ContentLength = source.Length;
        if (HttpMethods.IsHead(httpContext.Request.Method))
        {
            return;
        }

        var remaining = source.Length / 2;
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            while (remaining > 0)
            {
                var read = await source.ReadAsync(buffer.AsMemory(0, (int)Math.Min(BufferSize, remaining)), httpContext.RequestAborted);
                await response.Body.WriteAsync(buffer.AsMemory(0, read), httpContext.RequestAborted);
                remaining -= read;
            }

            await response.Body.FlushAsync(httpContext.RequestAborted);

            // Kestrel's Abort() resets the connection and drops output it has not sent yet, so the client would see
            // a reset instead of a short body. Give the transport a moment to hand the bytes to the socket, then end
            // the stream with a FIN, as a proxy that dies mid-transfer does. Real time: this is about the network,
            // not the emulated clock.
            await Task.Delay(DrainTime, httpContext.RequestAborted);
            httpContext.Features.Get<IConnectionSocketFeature>()?.Socket.Shutdown(SocketShutdown.Send);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        httpContext.Abort();
    }
}
