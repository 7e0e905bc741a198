using System.Security.Cryptography;
using System.Text;
using Azure.Storage;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using VideoPipeline.Core.Archive;
using VideoPipeline.Core.Jobs;
using VideoPipeline.Core.Providers;

namespace VideoPipeline.Bench.Archive;

/// <summary>Moves one video into a container the way a candidate does; the caller times it.</summary>
internal sealed class ArchiveRunner(HttpClient media)
{
    public const string Container = "bench-archive";

    /// <param name="blobs">The Azurite to write to.</param>
    /// <param name="candidate">How to move the bytes.</param>
    /// <param name="source">The emulator's public result URL (what the archiver streams).</param>
    /// <param name="prefilled">The same bytes already in memory (what the baselines upload).</param>
    /// <param name="size">Bytes to move.</param>
    /// <param name="blobName">A name not used before.</param>
    /// <param name="cancellationToken">Stops the run.</param>
    public async Task RunAsync(
        BlobServiceClient blobs,
        ArchiveCandidate candidate,
        Uri source,
        byte[] prefilled,
        long size,
        string blobName,
        CancellationToken cancellationToken)
    {
        var container = blobs.GetBlobContainerClient(Container);
        switch (candidate.Kind)
        {
            case ArchiveCandidateKind.SdkUpload:
                using (var content = new MemoryStream(prefilled, 0, checked((int)size), writable: false))
                {
                    await container.GetBlobClient(blobName).UploadAsync(content, cancellationToken);
                }

                break;
            case ArchiveCandidateKind.StagedFromMemory or ArchiveCandidateKind.StagedFromMemoryWithMd5:
                await StageFromMemoryAsync(
                    container.GetBlockBlobClient(blobName),
                    prefilled,
                    size,
                    candidate.BlockSize,
                    candidate.Concurrency,
                    candidate.Kind == ArchiveCandidateKind.StagedFromMemoryWithMd5,
                    cancellationToken);
                break;
            default:
                await ArchiveAsync(blobs, candidate, source, blobName, cancellationToken);
                break;
        }
    }

    /// <summary>The production archiver exactly as the archive activity calls it, with this candidate's options.</summary>
    public async Task ArchiveAsync(
        BlobServiceClient blobs, ArchiveCandidate candidate, Uri source, string blobName, CancellationToken cancellationToken)
    {
        var options = Options.Create(new ArchiveOptions
        {
            BlockSizeBytes = candidate.BlockSize,
            MaxConcurrentBlocks = candidate.Concurrency,
        });
        var archiver = new BlobVideoArchiver(blobs, options, NullLogger<BlobVideoArchiver>.Instance);
        var request = new ArchiveRequest(blobName, ProviderName.FoxApi, "sora-2", blobName, Container, blobName);
        await archiver.ArchiveAsync(request, ct => OpenAsync(source, ct), cancellationToken);
    }

    /// <summary>What the FoxAPI client's public-result path does: a GET whose response the content owns.</summary>
    private async Task<ResultContent> OpenAsync(Uri source, CancellationToken cancellationToken)
    {
        var response = await media.GetAsync(source, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        try
        {
            response.EnsureSuccessStatusCode();
            var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
            return new ResultContent(
                stream, response.Content.Headers.ContentLength, response.Content.Headers.ContentType?.MediaType, response);
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    private static async Task StageFromMemoryAsync(
        BlockBlobClient blob, byte[] buffer, long size, int blockSize, int concurrency, bool md5, CancellationToken cancellationToken)
    {
        using var slots = new SemaphoreSlim(concurrency, concurrency);
        var ids = new List<string>();
        var uploads = new List<Task>();
        for (var offset = 0L; offset < size; offset += blockSize)
        {
            // Block ids of one blob must all have the same length.
            var id = Convert.ToBase64String(Encoding.ASCII.GetBytes($"{ids.Count:D6}"));
            ids.Add(id);
            await slots.WaitAsync(cancellationToken);
            var block = new ArraySegment<byte>(buffer, (int)offset, (int)Math.Min(blockSize, size - offset));
            uploads.Add(Task.Run(() => StageAsync(blob, id, block, md5, slots, cancellationToken), cancellationToken));
        }

        await Task.WhenAll(uploads);
        await blob.CommitBlockListAsync(ids, cancellationToken: cancellationToken);
    }

    /// <summary>
    /// Stages one block the way the archiver's stager does: on the thread pool, with the MD5 computed there and
    /// handed to the SDK precalculated, so the ceiling is the archiver's upload half without the download.
    /// </summary>
    private static async Task StageAsync(
        BlockBlobClient blob,
        string id,
        ArraySegment<byte> block,
        bool md5,
        SemaphoreSlim slots,
        CancellationToken cancellationToken)
    {
        try
        {
            var options = new BlockBlobStageBlockOptions
            {
                TransferValidation = md5
                    ? new UploadTransferValidationOptions { ChecksumAlgorithm = StorageChecksumAlgorithm.MD5, PrecalculatedChecksum = MD5.HashData(block) }
                    : new UploadTransferValidationOptions { ChecksumAlgorithm = StorageChecksumAlgorithm.None },
            };
            using var content = new MemoryStream(block.Array!, block.Offset, block.Count, writable: false);
            await blob.StageBlockAsync(id, content, options, cancellationToken);
        }
        finally
        {
            slots.Release();
        }
    }
}
