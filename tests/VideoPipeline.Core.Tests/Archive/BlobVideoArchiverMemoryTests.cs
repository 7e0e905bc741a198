using Azure.Storage.Blobs;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using VideoPipeline.Core.Archive;
using VideoPipeline.Core.Jobs;
using VideoPipeline.Core.Providers;
using VideoPipeline.Testing;
using Xunit.Abstractions;

namespace VideoPipeline.Core.Tests.Archive;

[Collection(MemoryMeasurementCollection.Name)]
public class BlobVideoArchiverMemoryTests(AzuriteFixture azurite, ITestOutputHelper output) : IClassFixture<AzuriteFixture>
{
    private const long MiB = 1024 * 1024;

    // Everything but the block buffers: the HTTP and SDK objects of a few dozen requests, a few MiB at most.
    private const long Slack = 8 * MiB;

    [Fact]
    public async Task ArchiveAsync_256MiBVideo_AllocatesAtMostItsBlockBuffers()
    {
        // The default options hold at most (4 uploading + 1 filling) × 8 MiB = 40 MiB of blocks, whatever the video's
        // size; buffers other archives left in the shared pool may be reused, so this is an upper bound.
        var options = new ArchiveOptions();

        var allocated = await MeasureAllocatedAsync(options, 256 * MiB);

        Assert.True(
            allocated <= BlockBuffers(options) + Slack,
            $"Archiving 256 MiB allocated {allocated / MiB} MiB; its block buffers are {BlockBuffers(options) / MiB} MiB.");
    }

    [Fact]
    public async Task ArchiveAsync_64Blocks_AllocatesNoMoreBuffersThanItHoldsAtOnce()
    {
        // 4 MiB blocks: a size no other test uses, so the shared pool holds none yet and every buffer the archive
        // touches is allocated here. Renting one buffer per block instead allocated about twice as many in a fresh
        // process, as returned buffers parked in thread-pool threads' caches out of the next rent's reach.
        var options = new ArchiveOptions { BlockSizeBytes = 4 * (int)MiB, MaxConcurrentBlocks = 4 };

        var allocated = await MeasureAllocatedAsync(options, 256 * MiB);

        Assert.True(
            allocated <= BlockBuffers(options) + Slack,
            $"Archiving 64 blocks allocated {allocated / MiB} MiB; 5 block buffers are {BlockBuffers(options) / MiB} MiB.");
    }

    private static long BlockBuffers(ArchiveOptions options) => (long)options.BlockSizeBytes * (options.MaxConcurrentBlocks + 1);

    private async Task<long> MeasureAllocatedAsync(ArchiveOptions options, long length)
    {
        var blobService = new BlobServiceClient(azurite.ConnectionString);
        var archiver = new BlobVideoArchiver(blobService, Options.Create(options), NullLogger<BlobVideoArchiver>.Instance);
        var request = new ArchiveRequest(
            "job-memory", ProviderName.FoxApi, "sora-2-pro", "task-1", $"videos-{Guid.NewGuid():N}", "large.mp4");
        var video = new GeneratedVideoStream(length);

        // Counts every thread's allocations: the uploads run on thread-pool threads.
        var before = GC.GetTotalAllocatedBytes(precise: true);
        var result = await archiver.ArchiveAsync(
            request, _ => Task.FromResult(new ResultContent(video, length, "video/mp4")));
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        output.WriteLine($"Archiving {length / MiB} MiB in {options.BlockSizeBytes / MiB} MiB × {options.MaxConcurrentBlocks} blocks allocated {allocated / (double)MiB:F1} MiB.");

        Assert.Equal(length, result.Bytes);
        Assert.Equal(length, (await blobService.GetBlobContainerClient(request.Container)
            .GetBlobClient(request.BlobName).GetPropertiesAsync()).Value.ContentLength);
        return allocated;
    }
}
