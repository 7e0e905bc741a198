using System.Net;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VideoPipeline.Core.Jobs;
using VideoPipeline.Core.Providers;

namespace VideoPipeline.Core.Archive;

/// <summary>
/// Streams a provider's video into a block blob: blocks from a fixed set of buffers upload while the next block downloads,
/// the bytes are verified (length, MP4 boxes) and hashed on the way, and only then is the block list committed,
/// create-only. A blob of the same job found before or after the upload is the result; another job's is a conflict.
/// </summary>
public sealed partial class BlobVideoArchiver(
    BlobServiceClient blobService,
    IOptions<ArchiveOptions> options,
    ILogger<BlobVideoArchiver> logger) : IVideoArchiver
{
    public const string VideoContentType = "video/mp4";

    // Compared as a string: converting a missing error code to BlobErrorCode would throw.
    private static readonly string InvalidBlockList = BlobErrorCode.InvalidBlockList.ToString();

    private readonly ArchiveOptions _options = options.Value;

    public async Task<ArchiveResult> ArchiveAsync(
        ArchiveRequest request,
        Func<CancellationToken, Task<ResultContent>> openSource,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(openSource);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.JobId);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.Model);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.ProviderTaskId);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.Container);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.BlobName);

        var container = blobService.GetBlobContainerClient(request.Container);
        var blob = container.GetBlockBlobClient(request.BlobName);
        try
        {
            if (await FindCommittedAsync(blob, request, cancellationToken) is { } existing)
            {
                LogFoundExisting(logger, request.JobId, existing.BlobUri);
                return existing;
            }

            await StorageCallAsync(() => container.CreateIfNotExistsAsync(cancellationToken: cancellationToken));
            var (blockIds, bytes, sha256) = await UploadAsync(blob, openSource, cancellationToken);
            return await CommitAsync(blob, request, blockIds, bytes, sha256, cancellationToken);
        }
        catch (ArchiveException e)
        {
            LogNotArchived(logger, request.JobId, e.Code, e.Message);
            throw;
        }
    }

    private async Task<(IReadOnlyList<string> BlockIds, long Bytes, string Sha256)> UploadAsync(
        BlockBlobClient blob,
        Func<CancellationToken, Task<ResultContent>> openSource,
        CancellationToken cancellationToken)
    {
        await using var source = await OpenAsync(openSource, cancellationToken);
        using var verifier = SourceVerifier.Start(source);
        await using var stager = new BlockStager(blob, _options.BlockSizeBytes, _options.MaxConcurrentBlocks, cancellationToken);
        using var readTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);

        var blockSize = _options.BlockSizeBytes;
        while (true)
        {
            var buffer = stager.NextBuffer();
            var length = await FillAsync(source.Stream, buffer.AsMemory(0, blockSize), verifier, readTimeout, cancellationToken);
            if (length == 0)
            {
                break;
            }

            await StorageCallAsync(() => stager.StageAsync(buffer, length));
            if (length < blockSize)
            {
                break;
            }
        }

        var sha256 = verifier.Complete();
        var blockIds = await StorageCallAsync(stager.CompleteAsync);
        return (blockIds, verifier.Length, sha256);
    }

    /// <summary>Reads until the block is full or the source ends, feeding every byte to the verifier.</summary>
    private async Task<int> FillAsync(
        Stream source,
        Memory<byte> block,
        SourceVerifier verifier,
        CancellationTokenSource readTimeout,
        CancellationToken cancellationToken)
    {
        var filled = 0;
        while (filled < block.Length)
        {
            int read;
            readTimeout.CancelAfter(_options.SourceReadTimeout);
            try
            {
                read = await source.ReadAsync(block[filled..], readTimeout.Token);
            }
            catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
            {
                throw new ArchiveException(
                    ErrorCodes.ResultTruncated,
                    $"The provider sent nothing for {_options.SourceReadTimeout} after {verifier.Length} bytes.",
                    isTransient: true,
                    e);
            }
            catch (Exception e) when (e is IOException or HttpRequestException)
            {
                throw new ArchiveException(
                    ErrorCodes.ResultTruncated,
                    $"The download broke off after {verifier.Length} bytes: {e.Message}",
                    isTransient: true,
                    e);
            }
            finally
            {
                readTimeout.CancelAfter(Timeout.InfiniteTimeSpan);
            }

            if (read == 0)
            {
                break;
            }

            verifier.Append(block.Span.Slice(filled, read));
            filled += read;
        }

        return filled;
    }

    private async Task<ArchiveResult> CommitAsync(
        BlockBlobClient blob,
        ArchiveRequest request,
        IReadOnlyList<string> blockIds,
        long bytes,
        string sha256,
        CancellationToken cancellationToken)
    {
        var commit = new CommitBlockListOptions
        {
            HttpHeaders = new BlobHttpHeaders { ContentType = VideoContentType },
            Metadata = ArchiveMetadata.Create(request, sha256),
            Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
        };

        try
        {
            await blob.CommitBlockListAsync(blockIds, commit, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status is (int)HttpStatusCode.Conflict or (int)HttpStatusCode.PreconditionFailed
                                               || e.ErrorCode == InvalidBlockList)
        {
            // Another attempt committed first (and its commit may have discarded our uncommitted blocks): if it was
            // this job, its blob is as good as ours.
            if (await FindCommittedAsync(blob, request, cancellationToken) is { } winner)
            {
                LogLostRace(logger, request.JobId, winner.BlobUri);
                return winner;
            }

            throw StorageFailure(e);
        }
        catch (RequestFailedException e)
        {
            throw StorageFailure(e);
        }

        LogArchived(logger, request.JobId, bytes, blockIds.Count, blob.Uri);
        return new ArchiveResult(blob.Uri, blob.BlobContainerName, blob.Name, bytes, sha256, VideoContentType, AlreadyExisted: false);
    }

    /// <summary>The committed blob at the target name if it is this job's; throws when it is another job's.</summary>
    private static async Task<ArchiveResult?> FindCommittedAsync(
        BlockBlobClient blob,
        ArchiveRequest request,
        CancellationToken cancellationToken)
    {
        BlobProperties properties;
        try
        {
            properties = await blob.GetPropertiesAsync(cancellationToken: cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == (int)HttpStatusCode.NotFound)
        {
            return null;
        }
        catch (RequestFailedException e)
        {
            throw StorageFailure(e);
        }

        if (!ArchiveMetadata.BelongsTo(properties.Metadata, request)
            || !properties.Metadata.TryGetValue(ArchiveMetadata.Sha256, out var sha256))
        {
            throw new ArchiveException(
                ErrorCodes.ArchiveConflict,
                $"Blob '{blob.BlobContainerName}/{blob.Name}' already exists and was not archived by job '{request.JobId}'.");
        }

        return new ArchiveResult(
            blob.Uri, blob.BlobContainerName, blob.Name, properties.ContentLength, sha256, properties.ContentType, AlreadyExisted: true);
    }

    private static async Task<ResultContent> OpenAsync(
        Func<CancellationToken, Task<ResultContent>> openSource,
        CancellationToken cancellationToken)
    {
        try
        {
            return await openSource(cancellationToken);
        }
        catch (ProviderException e)
        {
            throw new ArchiveException(e.Code, e.Message, e.IsTransient, e);
        }
        catch (HttpRequestException e) when (e.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden
                                             or HttpStatusCode.NotFound or HttpStatusCode.Gone)
        {
            // Result URLs are signed and short-lived: once they stop working the video is gone from the provider.
            throw new ArchiveException(
                ErrorCodes.ResultExpired, $"The provider no longer serves the result ({(int)e.StatusCode}).", innerException: e);
        }
        catch (HttpRequestException e)
        {
            var isTransient = e.StatusCode is null or >= HttpStatusCode.InternalServerError
                or HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests;
            throw new ArchiveException(ErrorCodes.ArchiveFailed, $"Could not open the result: {e.Message}", isTransient, e);
        }
        catch (Exception e) when (e is IOException
                                  || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new ArchiveException(ErrorCodes.ArchiveFailed, $"Could not open the result: {e.Message}", isTransient: true, e);
        }
    }

    private static async Task StorageCallAsync(Func<Task> call)
    {
        try
        {
            await call();
        }
        catch (RequestFailedException e)
        {
            throw StorageFailure(e);
        }
    }

    private static async Task<T> StorageCallAsync<T>(Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (RequestFailedException e)
        {
            throw StorageFailure(e);
        }
    }

    private static ArchiveException StorageFailure(RequestFailedException e)
    {
        // Status 0 means no answer at all (connection refused, reset); the SDK has already retried by then.
        var isTransient = e.Status is 0 or (int)HttpStatusCode.RequestTimeout or (int)HttpStatusCode.TooManyRequests or >= 500
            || e.ErrorCode == InvalidBlockList;
        return new ArchiveException(
            ErrorCodes.ArchiveFailed,
            $"Blob Storage failed ({e.Status} {e.ErrorCode}): {e.Message}",
            isTransient,
            e);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Archived job {JobId}: {Bytes} bytes in {Blocks} blocks to {BlobUri}")]
    private static partial void LogArchived(ILogger logger, string jobId, long bytes, int blocks, Uri blobUri);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} was already archived to {BlobUri}; not downloading again")]
    private static partial void LogFoundExisting(ILogger logger, string jobId, Uri blobUri);

    [LoggerMessage(Level = LogLevel.Information, Message = "Another attempt of job {JobId} committed {BlobUri} first; using it")]
    private static partial void LogLostRace(ILogger logger, string jobId, Uri blobUri);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Did not archive job {JobId} ({Code}): {Reason}")]
    private static partial void LogNotArchived(ILogger logger, string jobId, string code, string reason);
}
