namespace VideoPipeline.Core.Api;

/// <summary>Reads request bodies up to a limit, so an oversized body is refused without being held in memory.</summary>
internal static class RequestBody
{
    /// <summary>The body's bytes; null as soon as it turns out longer than <paramref name="maxBytes"/>.</summary>
    public static async Task<byte[]?> ReadAsync(Stream body, int maxBytes, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
