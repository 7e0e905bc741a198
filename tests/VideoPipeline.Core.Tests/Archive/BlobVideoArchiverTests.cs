using System.Security.Cryptography;
using System.Text;
using Azure.Core;
using Azure.Storage;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using VideoPipeline.Core.Archive;
using VideoPipeline.Core.Jobs;
using VideoPipeline.Core.Providers;
using VideoPipeline.Testing;

namespace VideoPipeline.Core.Tests.Archive;

public class BlobVideoArchiverTests(AzuriteFixture azurite, VideoSourceServer source)
    : IClassFixture<AzuriteFixture>, IClassFixture<VideoSourceServer>
{
    private const int MiB = 1024 * 1024;

    private BlobServiceClient BlobService => new(azurite.ConnectionString);

    [Fact]
    public async Task ArchiveAsync_SmallRealMp4_CommitsBlobWithHashMetadataAndContentType()
    {
        var request = NewRequest();
        var video = Mp4Samples.Sample;

        var result = await CreateArchiver().ArchiveAsync(request, source.Serve(video));

        var blob = BlobOf(request);
        Assert.Equal(blob.Uri, result.BlobUri);
        Assert.Equal(request.Container, result.Container);
        Assert.Equal(request.BlobName, result.BlobName);
        Assert.Equal(video.Length, result.Bytes);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(video)), result.Sha256);
        Assert.Equal("video/mp4", result.ContentType);
        Assert.False(result.AlreadyExisted);

        BlobProperties properties = await blob.GetPropertiesAsync();
        Assert.Equal("video/mp4", properties.ContentType);
        Assert.Equal(video.Length, properties.ContentLength);
        Assert.Equal(request.JobId, properties.Metadata["jobid"]);
        Assert.Equal("openai", properties.Metadata["provider"]);
        Assert.Equal(request.Model, properties.Metadata["model"]);
        Assert.Equal(request.ProviderTaskId, properties.Metadata["providertaskid"]);
        Assert.Equal(result.Sha256, properties.Metadata["sha256"]);
        Assert.Equal(video, await DownloadAsync(blob));
    }

    [Fact]
    public async Task ArchiveAsync_VideoLargerThanOneBlock_CommitsSeveralBlocksInOrder()
    {
        var request = NewRequest();
        var video = Mp4Samples.SampleOfLength(20 * MiB);

        var result = await CreateArchiver().ArchiveAsync(request, source.Serve(video));

        BlockList blocks = await BlobOf(request).GetBlockListAsync(BlockListTypes.Committed);
        Assert.Equal(new long[] { 8 * MiB, 8 * MiB, 4 * MiB }, blocks.CommittedBlocks.Select(block => block.SizeLong));
        Assert.Equal(video.Length, result.Bytes);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(video)), result.Sha256);
        Assert.Equal(video, await DownloadAsync(BlobOf(request)));
    }

    [Theory]
    [InlineData(StorageChecksumAlgorithm.None)]
    [InlineData(StorageChecksumAlgorithm.Auto)]
    [InlineData(StorageChecksumAlgorithm.StorageCrc64)]
    public async Task ArchiveAsync_WhateverTheClientsUploadValidation_StagesEveryBlockWithItsMd5(StorageChecksumAlgorithm clientDefault)
    {
        // Auto and CRC64 would send structured-message bodies, which Azurite stores as they are (framing included).
        var recorder = new PutBlockRecorder();
        var clientOptions = new BlobClientOptions();
        clientOptions.TransferValidation.Upload.ChecksumAlgorithm = clientDefault;
        clientOptions.AddPolicy(recorder, HttpPipelinePosition.PerCall);
        var blobService = new BlobServiceClient(azurite.ConnectionString, clientOptions);
        var archiver = new BlobVideoArchiver(blobService, Options.Create(new ArchiveOptions()), NullLogger<BlobVideoArchiver>.Instance);
        var request = NewRequest();
        var video = Mp4Samples.SampleOfLength(20 * MiB);

        await archiver.ArchiveAsync(request, source.Serve(video));

        BlockList blocks = await BlobOf(request).GetBlockListAsync(BlockListTypes.Committed);
        var offset = 0;
        foreach (var block in blocks.CommittedBlocks)
        {
            var sent = Assert.Single(recorder.Blocks, put => put.BlockId == block.Name);
            Assert.False(sent.StructuredBody);
            Assert.Equal(Convert.ToBase64String(MD5.HashData(video.AsSpan(offset, (int)block.SizeLong))), sent.ContentMd5);
            offset += (int)block.SizeLong;
        }

        Assert.Equal(3, recorder.Blocks.Count);
        Assert.Equal(video.Length, offset);
        Assert.Equal(video, await DownloadAsync(BlobOf(request)));
    }

    [Theory]
    [InlineData("text/html; charset=utf-8")]
    [InlineData("application/json")]
    public async Task ArchiveAsync_SourceLabelledAsTextDocument_FailsNotMp4WhateverTheBytes(string contentType)
    {
        var request = NewRequest();

        var failure = await Assert.ThrowsAsync<ArchiveException>(
            () => CreateArchiver().ArchiveAsync(request, source.Serve(Mp4Samples.Sample, contentType)));

        Assert.Equal(ErrorCodes.ResultNotMp4, failure.Code);
        Assert.False(failure.IsTransient);
        await AssertNothingCommittedAsync(request);
    }

    [Fact]
    public async Task ArchiveAsync_HtmlBodyLabelledAsVideo_FailsNotMp4AndCommitsNothing()
    {
        var request = NewRequest();
        var page = Encoding.UTF8.GetBytes("<!DOCTYPE html><html><body>" + new string('x', 20_000) + "</body></html>");

        var failure = await Assert.ThrowsAsync<ArchiveException>(
            () => CreateArchiver().ArchiveAsync(request, source.Serve(page, "video/mp4")));

        Assert.Equal(ErrorCodes.ResultNotMp4, failure.Code);
        await AssertNothingCommittedAsync(request);
    }

    [Fact]
    public async Task ArchiveAsync_ConnectionDropsMidBody_FailsTruncatedAndCommitsNothing()
    {
        var request = NewRequest();
        var video = Mp4Samples.SampleOfLength(20 * MiB);

        var failure = await Assert.ThrowsAsync<ArchiveException>(
            () => CreateArchiver().ArchiveAsync(request, source.Serve(video, dropAfter: 10 * MiB)));

        Assert.Equal(ErrorCodes.ResultTruncated, failure.Code);
        Assert.True(failure.IsTransient);
        await AssertNothingCommittedAsync(request);
    }

    [Fact]
    public async Task ArchiveAsync_CompleteMp4ShorterThanContentLength_FailsTruncatedAndCommitsNothing()
    {
        var request = NewRequest();
        var video = Mp4Samples.Sample;

        // The bytes alone form a valid MP4 (the last box ends where the body ends): only the length gives it away.
        var failure = await Assert.ThrowsAsync<ArchiveException>(
            () => CreateArchiver().ArchiveAsync(request, Open(new ScriptedStream(video), video.Length + 100)));

        Assert.Equal(ErrorCodes.ResultTruncated, failure.Code);
        Assert.True(failure.IsTransient);
        await AssertNothingCommittedAsync(request);
    }

    [Fact]
    public async Task ArchiveAsync_BodyEndsInsideABoxWithoutContentLength_FailsTruncatedAndCommitsNothing()
    {
        var request = NewRequest();
        var shortBody = new ScriptedStream(Mp4Samples.Sample[..^500]);

        var failure = await Assert.ThrowsAsync<ArchiveException>(
            () => CreateArchiver().ArchiveAsync(request, Open(shortBody, length: null)));

        Assert.Equal(ErrorCodes.ResultTruncated, failure.Code);
        await AssertNothingCommittedAsync(request);
    }

    [Fact]
    public async Task ArchiveAsync_ReadFailsWithIOException_FailsTruncatedAndCommitsNothing()
    {
        var request = NewRequest();
        var video = Mp4Samples.SampleOfLength(MiB);
        var reset = new ScriptedStream(video[..(MiB / 2)], ending: ScriptedStream.Ending.ConnectionReset);

        var failure = await Assert.ThrowsAsync<ArchiveException>(
            () => CreateArchiver().ArchiveAsync(request, Open(reset, video.Length)));

        Assert.Equal(ErrorCodes.ResultTruncated, failure.Code);
        Assert.IsAssignableFrom<IOException>(failure.InnerException);
        await AssertNothingCommittedAsync(request);
    }

    [Fact]
    public async Task ArchiveAsync_SourceStallsLongerThanReadTimeout_FailsTruncatedAndCommitsNothing()
    {
        var request = NewRequest();
        var stalled = new ScriptedStream(Mp4Samples.Sample[..1000], ending: ScriptedStream.Ending.Stall);
        var archiver = CreateArchiver(new ArchiveOptions { SourceReadTimeout = TimeSpan.FromMilliseconds(200) });

        var failure = await Assert.ThrowsAsync<ArchiveException>(
            () => archiver.ArchiveAsync(request, Open(stalled, Mp4Samples.Sample.Length)));

        Assert.Equal(ErrorCodes.ResultTruncated, failure.Code);
        Assert.True(failure.IsTransient);
        await AssertNothingCommittedAsync(request);
    }

    [Fact]
    public async Task ArchiveAsync_BodyLongerThanContentLength_FailsAndCommitsNothing()
    {
        var request = NewRequest();
        var video = Mp4Samples.Sample;

        var failure = await Assert.ThrowsAsync<ArchiveException>(
            () => CreateArchiver().ArchiveAsync(request, Open(new ScriptedStream(video), video.Length - 1)));

        Assert.Equal(ErrorCodes.ProviderProtocolError, failure.Code);
        await AssertNothingCommittedAsync(request);
    }

    [Theory]
    [InlineData(StatusCodes.Status403Forbidden)]
    [InlineData(StatusCodes.Status404NotFound)]
    public async Task ArchiveAsync_ResultUrlNoLongerServed_FailsResultExpired(int status)
    {
        var request = NewRequest();
        var expired = source.Serve(Encoding.UTF8.GetBytes("<Error>AuthenticationFailed</Error>"), "application/xml", status: status);

        var failure = await Assert.ThrowsAsync<ArchiveException>(() => CreateArchiver().ArchiveAsync(request, expired));

        Assert.Equal(ErrorCodes.ResultExpired, failure.Code);
        Assert.False(failure.IsTransient);
        await AssertNothingCommittedAsync(request);
    }

    [Fact]
    public async Task ArchiveAsync_ProviderClientFailsToOpen_KeepsTheProviderCode()
    {
        var request = NewRequest();
        var unavailable = new ProviderException(ErrorCodes.ProviderUnavailable, "503 from the provider", 503, isTransient: true);

        var failure = await Assert.ThrowsAsync<ArchiveException>(
            () => CreateArchiver().ArchiveAsync(request, _ => throw unavailable));

        Assert.Equal(ErrorCodes.ProviderUnavailable, failure.Code);
        Assert.True(failure.IsTransient);
        Assert.Same(unavailable, failure.InnerException);
    }

    [Fact]
    public async Task ArchiveAsync_RetryOfSameJobAfterSuccess_ReturnsExistingBlobWithoutOpeningSource()
    {
        var request = NewRequest();
        var first = await CreateArchiver().ArchiveAsync(request, source.Serve(Mp4Samples.Sample));
        var opened = false;

        var retry = await CreateArchiver().ArchiveAsync(request, _ =>
        {
            opened = true;
            throw new InvalidOperationException("The source must not be opened again.");
        });

        Assert.False(opened);
        Assert.True(retry.AlreadyExisted);
        Assert.Equal(first with { AlreadyExisted = true }, retry);
    }

    [Fact]
    public async Task ArchiveAsync_BlobOfAnotherJobAtTheName_FailsConflictWithoutOpeningSource()
    {
        var request = NewRequest();
        await CreateArchiver().ArchiveAsync(request with { JobId = "another-job" }, source.Serve(Mp4Samples.Sample));
        var before = await BlobOf(request).GetPropertiesAsync();
        var opened = false;

        var failure = await Assert.ThrowsAsync<ArchiveException>(() => CreateArchiver().ArchiveAsync(request, _ =>
        {
            opened = true;
            throw new InvalidOperationException("The source must not be opened.");
        }));

        Assert.Equal(ErrorCodes.ArchiveConflict, failure.Code);
        Assert.False(failure.IsTransient);
        Assert.False(opened);
        var after = await BlobOf(request).GetPropertiesAsync();
        Assert.Equal(before.Value.ETag, after.Value.ETag);
    }

    [Fact]
    public async Task ArchiveAsync_AnotherJobCommitsDuringDownload_FailsConflictAndLeavesTheirBlob()
    {
        var request = NewRequest();
        var serve = source.Serve(Mp4Samples.SampleOfLength(MiB));
        var foreign = CreateArchiver().ArchiveAsync(request with { JobId = "another-job" }, source.Serve(Mp4Samples.Sample));
        ArchiveResult? theirs = null;

        // The existence check has passed when the source is opened; the other job's commit lands in between.
        var failure = await Assert.ThrowsAsync<ArchiveException>(() => CreateArchiver().ArchiveAsync(request, async cancellationToken =>
        {
            theirs = await foreign;
            return await serve(cancellationToken);
        }));

        Assert.Equal(ErrorCodes.ArchiveConflict, failure.Code);
        Assert.NotNull(theirs);
        BlobProperties properties = await BlobOf(request).GetPropertiesAsync();
        Assert.Equal("another-job", properties.Metadata["jobid"]);
        Assert.Equal(Mp4Samples.Sample, await DownloadAsync(BlobOf(request)));
    }

    [Fact]
    public async Task ArchiveAsync_BlobWithoutMetadataAtTheName_FailsConflict()
    {
        var request = NewRequest();
        var container = BlobService.GetBlobContainerClient(request.Container);
        await container.CreateAsync();
        await container.GetBlobClient(request.BlobName).UploadAsync(BinaryData.FromBytes(Mp4Samples.Sample));

        var failure = await Assert.ThrowsAsync<ArchiveException>(
            () => CreateArchiver().ArchiveAsync(request, source.Serve(Mp4Samples.Sample)));

        Assert.Equal(ErrorCodes.ArchiveConflict, failure.Code);
    }

    [Fact]
    public async Task ArchiveAsync_SameJobTwiceConcurrently_CommitsOneBlobAndBothSucceed()
    {
        var request = NewRequest();
        var video = Mp4Samples.SampleOfLength(12 * MiB);
        var serve = source.Serve(video);

        // Both attempts get past the existence check before either downloads, so they race at the commit.
        var opened = 0;
        var bothOpened = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        async Task<ResultContent> OpenWhenBothStarted(CancellationToken cancellationToken)
        {
            if (Interlocked.Increment(ref opened) == 2)
            {
                bothOpened.SetResult();
            }

            await bothOpened.Task.WaitAsync(TimeSpan.FromMinutes(1), cancellationToken);
            return await serve(cancellationToken);
        }

        var results = await Task.WhenAll(
            CreateArchiver().ArchiveAsync(request, OpenWhenBothStarted),
            CreateArchiver().ArchiveAsync(request, OpenWhenBothStarted));

        Assert.Equal(2, opened);
        Assert.Single(results, result => result.AlreadyExisted);
        Assert.Single(results, result => !result.AlreadyExisted);
        Assert.Equal(results[0] with { AlreadyExisted = false }, results[1] with { AlreadyExisted = false });
        var blobs = await BlobService.GetBlobContainerClient(request.Container).GetBlobsAsync().ToListAsync();
        Assert.Equal(request.BlobName, Assert.Single(blobs).Name);
        Assert.Equal(video, await DownloadAsync(BlobOf(request)));
    }

    [Fact]
    public async Task ArchiveAsync_StorageUnreachable_FailsArchiveFailedAsTransient()
    {
        var options = new BlobClientOptions { Retry = { MaxRetries = 0 } };
        var unreachable = new BlobServiceClient(new Uri($"http://127.0.0.1:{FreePort.Next()}/devstoreaccount1"), options);
        var archiver = new BlobVideoArchiver(unreachable, Options.Create(new ArchiveOptions()), NullLogger<BlobVideoArchiver>.Instance);

        var failure = await Assert.ThrowsAsync<ArchiveException>(
            () => archiver.ArchiveAsync(NewRequest(), source.Serve(Mp4Samples.Sample)));

        Assert.Equal(ErrorCodes.ArchiveFailed, failure.Code);
        Assert.True(failure.IsTransient);
    }

    [Fact]
    public async Task ArchiveAsync_Cancelled_ThrowsOperationCanceledAndCommitsNothing()
    {
        var request = NewRequest();
        var stalled = new ScriptedStream(Mp4Samples.Sample[..1000], ending: ScriptedStream.Ending.Stall);
        using var cancellation = new CancellationTokenSource();
        var opened = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var open = Open(stalled, Mp4Samples.Sample.Length);

        var archive = CreateArchiver().ArchiveAsync(
            request,
            cancellationToken =>
            {
                opened.SetResult();
                return open(cancellationToken);
            },
            cancellation.Token);
        await opened.Task.WaitAsync(TimeSpan.FromMinutes(1));
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => archive);
        await AssertNothingCommittedAsync(request);
    }

    private BlobVideoArchiver CreateArchiver(ArchiveOptions? options = null) =>
        new(BlobService, Options.Create(options ?? new ArchiveOptions()), NullLogger<BlobVideoArchiver>.Instance);

    private BlockBlobClient BlobOf(ArchiveRequest request) =>
        BlobService.GetBlobContainerClient(request.Container).GetBlockBlobClient(request.BlobName);

    private static ArchiveRequest NewRequest() => new(
        JobId: $"job-{Guid.NewGuid():N}",
        Provider: ProviderName.OpenAi,
        Model: "sora-2",
        ProviderTaskId: "video_68d7512d07848190b3e45da0ecbebcde004da08e1e0678d5",
        Container: $"videos-{Guid.NewGuid():N}",
        BlobName: "2026/11/21/job.mp4");

    private static Func<CancellationToken, Task<ResultContent>> Open(Stream body, long? length) =>
        _ => Task.FromResult(new ResultContent(body, length, "video/mp4"));

    private static async Task<byte[]> DownloadAsync(BlobBaseClient blob) => (await blob.DownloadContentAsync()).Value.Content.ToArray();

    private async Task AssertNothingCommittedAsync(ArchiveRequest request)
    {
        var container = BlobService.GetBlobContainerClient(request.Container);
        Assert.False(await container.GetBlobClient(request.BlobName).ExistsAsync());
        if (await container.ExistsAsync())
        {
            Assert.Empty(await container.GetBlobsAsync().ToListAsync());
        }
    }
}
