namespace VideoPipeline.Core.Providers;

/// <summary>An open stream of a finished video. Dispose it to release the HTTP response.</summary>
public sealed class ResultContent(Stream stream, long? contentLength, string? contentType, IDisposable? owner = null)
    : IAsyncDisposable
{
    public Stream Stream { get; } = stream;

    /// <summary>The <c>Content-Length</c> the provider announced, to verify the byte count against.</summary>
    public long? ContentLength { get; } = contentLength;

    public string? ContentType { get; } = contentType;

    public async ValueTask DisposeAsync()
    {
        await Stream.DisposeAsync();
        owner?.Dispose();
    }
}
