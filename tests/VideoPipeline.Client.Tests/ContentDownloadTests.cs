using System.Security.Cryptography;
using Azure;
using VideoPipeline.Cli.Rendering;
using VideoPipeline.Client.Models;
using VideoPipeline.Client.Tests.Infrastructure;

namespace VideoPipeline.Client.Tests;

[Collection(StackCollection.Name)]
public sealed class ContentDownloadTests(ClientStack stack) : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("videopipeline-client-");

    [Fact]
    public async Task DownloadContentAsync_ToFile_WritesTheBytesTheJobArchived()
    {
        var client = stack.CreateClient();
        var job = await SucceededJobAsync(client);
        var path = Path.Combine(_directory.FullName, "video.mp4");
        var reported = new List<long>();

        var info = (await client.DownloadContentAsync(job.Id, path, new InlineProgress<long>(reported.Add))).Value;

        await using var file = File.OpenRead(path);
        Assert.Equal(job.Output!.Sha256, Convert.ToHexStringLower(await SHA256.HashDataAsync(file)));
        Assert.Equal((job.Output.Bytes!.Value, job.Output.Sha256), (info.Bytes, info.Sha256));
        Assert.Equal("video/mp4", info.ContentType);
        Assert.Equal(job.Output.Bytes, reported[^1]);
        Assert.Equal(["video.mp4"], _directory.GetFiles().Select(f => f.Name));
    }

    [Fact]
    public async Task DownloadContentAsync_ToStream_WritesTheBytesTheJobArchived()
    {
        var client = stack.CreateClient();
        var job = await SucceededJobAsync(client);
        using var destination = new MemoryStream();

        await client.DownloadContentAsync(job.Id, destination);

        Assert.Equal(job.Output!.Sha256, Convert.ToHexStringLower(SHA256.HashData(destination.ToArray())));
    }

    [Fact]
    public async Task DownloadContentAsync_BlobReplacedAfterArchive_ThrowsAndLeavesNoFile()
    {
        var client = stack.CreateClient();
        var job = await SucceededJobAsync(client);
        var blob = stack.Blobs.GetBlobContainerClient(job.Output!.Container).GetBlobClient(job.Output.BlobName);
        await blob.UploadAsync(BinaryData.FromBytes(new byte[job.Output.Bytes!.Value]), overwrite: true);
        var path = Path.Combine(_directory.FullName, "video.mp4");

        var exception = await Assert.ThrowsAsync<InvalidDataException>(() => client.DownloadContentAsync(job.Id, path));

        Assert.Contains(job.Output.Sha256!, exception.Message);
        Assert.Empty(_directory.GetFiles());
    }

    [Fact]
    public async Task DownloadContentAsync_UnfinishedJob_ThrowsConflict()
    {
        var client = stack.CreateClient();
        var operation = await client.StartJobAsync(Jobs.Foxapi("[emu:seconds=30]"));
        var path = Path.Combine(_directory.FullName, "video.mp4");

        var exception = await Assert.ThrowsAsync<RequestFailedException>(() => client.DownloadContentAsync(operation.Id, path));

        Assert.Equal(409, exception.Status);
        Assert.Empty(_directory.GetFiles());
        await client.CancelJobAsync(operation.Id);
    }

    public void Dispose() => _directory.Delete(recursive: true);

    private static async Task<VideoJob> SucceededJobAsync(VideoPipelineClient client)
    {
        var operation = await client.StartJobAsync(Jobs.Foxapi());
        return (await operation.WaitForCompletionAsync()).Value;
    }
}
