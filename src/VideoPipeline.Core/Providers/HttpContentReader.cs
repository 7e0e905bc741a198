using System.Buffers;

namespace VideoPipeline.Core.Providers;

internal static class HttpContentReader
{
    /// <summary>Reads a whole body into memory, refusing more than <paramref name="maxBytes"/> (throws <see cref="InvalidDataException"/>).</summary>
    public static async Task<byte[]> ReadBoundedAsync(HttpContent content, long maxBytes, CancellationToken cancellationToken)
    {
        if (content.Headers.ContentLength is { } announced && announced > maxBytes)
        {
            throw new InvalidDataException($"the body announces {announced} bytes, more than the {maxBytes} allowed");
        }

        await using var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        using var buffer = new MemoryStream();
        var chunk = ArrayPool<byte>.Shared.Rent(81920);
        try
        {
            int read;
            while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > maxBytes)
                {
                    throw new InvalidDataException($"the body is larger than the {maxBytes} bytes allowed");
                }

                buffer.Write(chunk, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        return buffer.ToArray();
    }
}
