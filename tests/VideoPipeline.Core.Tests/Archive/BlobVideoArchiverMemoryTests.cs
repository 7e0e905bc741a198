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

    [Fact]
    public async Task ArchiveAsync_256MiBVideo_AllocatesFarLessThanTheVideoSize()
    {
        const long length = 256 * MiB;
        var blobService = new BlobServiceClient(azurite.ConnectionString);
        var archiver = new BlobVideoArchiver(
            blobService, Options.Create(new ArchiveOptions()), NullLogger<BlobVideoArchiver>.Instance);
        var request = new ArchiveRequest(
            "job-memory", ProviderName.FoxApi, "sora-2-pro", "task-1", $"videos-{Guid.NewGuid():N}", "large.mp4");
        var video = new GeneratedVideoStream(length);

        // Counts every thread's allocations: the uploads run on thread-pool threads. The default options hold at most
        // (4 uploading + 1 filling) × 8 MiB = 40 MiB of pooled blocks, whatever the video's size.
        var before = GC.GetTotalAllocatedBytes(precise: true);
        var result = await archiver.ArchiveAsync(
            request, _ => Task.FromResult(new ResultContent(video, length, "video/mp4")));
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        output.WriteLine($"Archiving {length / MiB} MiB allocated {allocated / (double)MiB:F1} MiB.");

        Assert.Equal(length, result.Bytes);
        Assert.Equal(length, (await blobService.GetBlobContainerClient(request.Container)
            .GetBlobClient(request.BlobName).GetPropertiesAsync()).Value.ContentLength);
        Assert.True(allocated < 64 * MiB, $"Archiving {length / MiB} MiB allocated {allocated / MiB} MiB.");
    }
}
