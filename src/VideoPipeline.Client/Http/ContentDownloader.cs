using System.Buffers;
using System.Security.Cryptography;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using VideoPipeline.Client.Models;

namespace VideoPipeline.Client.Http;

/// <summary>
/// Streams a video from its read-only blob URL into a destination, hashing as it goes, and checks the length and
/// SHA-256 the job reported. Its pipeline carries no credential: the URL is the authorisation.
/// </summary>
internal sealed class ContentDownloader(HttpPipeline pipeline)
{
    private const int BufferSize = 81920;

    private static readonly ResponseClassifier Ok = new StatusCodeClassifier([200]);

    public async Task<Response<VideoContentInfo>> DownloadAsync(
        Uri location, VideoJobOutput expected, Stream destination, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        using var message = pipeline.CreateMessage(context: null, Ok);
        message.Request.Method = RequestMethod.Get;
        message.Request.Uri.Reset(location);
        message.BufferResponse = false;
        await pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        if (message.Response.IsError)
        {
            throw new RequestFailedException(message.Response);
        }

        using var sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        long written = 0;
        try
        {
            await using var source = message.Response.ContentStream
                ?? throw new InvalidDataException("The storage answered without a body.");
            int read;
            while ((read = await source.ReadAsync(buffer.AsMemory(0, BufferSize), cancellationToken).ConfigureAwait(false)) > 0)
            {
                sha256.AppendData(buffer, 0, read);
                await destination.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                written += read;
                progress?.Report(written);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        var hash = Convert.ToHexStringLower(sha256.GetHashAndReset());
        if (expected.Bytes is { } bytes && bytes != written)
        {
            throw new InvalidDataException($"Downloaded {written} bytes; the job archived {bytes}.");
        }

        if (!string.Equals(hash, expected.Sha256, StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidDataException($"The downloaded bytes have SHA-256 {hash}; the job archived {expected.Sha256}.");
        }

        message.Response.Headers.TryGetValue(HttpHeader.Names.ContentType, out var contentType);
        return Response.FromValue(new VideoContentInfo { Bytes = written, Sha256 = hash, ContentType = contentType }, message.Response);
    }
}
