using System.Net;
using System.Web;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Options;
using VideoPipeline.Core.Archive;
using VideoPipeline.Testing;

namespace VideoPipeline.Core.Tests.Archive;

public class BlobReadUrlIssuerTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private readonly BlobServiceClient _blobService = new(azurite.ConnectionString);
    private readonly HttpClient _http = new();
    private readonly string _container = $"videos-{Guid.NewGuid():N}";
    private const string BlobName = "jobs/read-url.mp4";

    public async Task InitializeAsync()
    {
        var container = _blobService.GetBlobContainerClient(_container);
        await container.CreateAsync();
        await container.GetBlobClient(BlobName).UploadAsync(BinaryData.FromBytes(Mp4Samples.Sample));
    }

    public Task DisposeAsync()
    {
        _http.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task IssueReadUrlAsync_AccountKeyClient_UrlDownloadsTheBlob()
    {
        using var issuer = CreateIssuer(TimeProvider.System);

        var url = await issuer.IssueReadUrlAsync(_container, BlobName);

        Assert.Equal(Mp4Samples.Sample, await _http.GetByteArrayAsync(url));
    }

    [Fact]
    public async Task IssueReadUrlAsync_AccountKeyClient_UrlCannotWriteOrDelete()
    {
        using var issuer = CreateIssuer(TimeProvider.System);
        var url = await issuer.IssueReadUrlAsync(_container, BlobName);

        using var overwrite = new HttpRequestMessage(HttpMethod.Put, url) { Content = new ByteArrayContent([1, 2, 3]) };
        overwrite.Headers.Add("x-ms-blob-type", "BlockBlob");
        using var overwritten = await _http.SendAsync(overwrite);
        using var delete = new HttpRequestMessage(HttpMethod.Delete, url);
        using var deleted = await _http.SendAsync(delete);

        Assert.Equal(HttpStatusCode.Forbidden, overwritten.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, deleted.StatusCode);
        Assert.Equal(Mp4Samples.Sample, await _http.GetByteArrayAsync(url));
    }

    [Fact]
    public async Task IssueReadUrlAsync_AccountKeyClient_SignsReadOnlyForTheConfiguredLifetime()
    {
        var now = new DateTimeOffset(DateTimeOffset.UtcNow.Ticks / TimeSpan.TicksPerSecond * TimeSpan.TicksPerSecond, TimeSpan.Zero);

        using var issuer = CreateIssuer(new ManualTimeProvider(now), TimeSpan.FromMinutes(10));

        var url = await issuer.IssueReadUrlAsync(_container, BlobName);

        var query = HttpUtility.ParseQueryString(url.Query);
        Assert.Equal("r", query["sp"]);
        Assert.Equal("b", query["sr"]);
        Assert.Equal(now.AddMinutes(10), DateTimeOffset.Parse(query["se"]!));
        Assert.True(DateTimeOffset.Parse(query["st"]!) <= now);
    }

    [Fact]
    public async Task IssueReadUrlAsync_LifetimeHasPassed_UrlIsRefused()
    {
        using var issuer = CreateIssuer(new ManualTimeProvider(DateTimeOffset.UtcNow.AddHours(-1)), TimeSpan.FromMinutes(15));

        var url = await issuer.IssueReadUrlAsync(_container, BlobName);
        using var response = await _http.GetAsync(url);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task IssueReadUrlAsync_EntraIdentityClient_SignsUserDelegationSas()
    {
        var blobService = new DelegationKeyBlobServiceClient();
        Assert.False(blobService.GetBlobContainerClient(_container).GetBlobClient(BlobName).CanGenerateSasUri);
        var now = DateTimeOffset.UtcNow;

        using var issuer = new BlobReadUrlIssuer(
            blobService, Options.Create(new ArchiveOptions { ReadUrlLifetime = TimeSpan.FromMinutes(15) }), new ManualTimeProvider(now));
        var url = await issuer.IssueReadUrlAsync(_container, BlobName);

        Assert.Equal($"https://pipelinetest.blob.core.windows.net/{_container}/{BlobName}", url.GetLeftPart(UriPartial.Path));
        var query = HttpUtility.ParseQueryString(url.Query);
        Assert.Equal(DelegationKeyBlobServiceClient.ObjectId, query["skoid"]);
        Assert.Equal(DelegationKeyBlobServiceClient.TenantId, query["sktid"]);
        Assert.Equal("r", query["sp"]);
        Assert.Equal("b", query["sr"]);
        Assert.Equal("https", query["spr"]);
        Assert.False(string.IsNullOrEmpty(query["sig"]));
        var (_, keyExpiresOn) = Assert.Single(blobService.KeyRequests);
        Assert.True(keyExpiresOn >= DateTimeOffset.Parse(query["se"]!));
    }

    [Fact]
    public async Task IssueReadUrlAsync_EntraIdentityClient_ReusesDelegationKeyUntilItRunsOut()
    {
        var blobService = new DelegationKeyBlobServiceClient();
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        using var issuer = new BlobReadUrlIssuer(blobService, Options.Create(new ArchiveOptions()), clock);

        await issuer.IssueReadUrlAsync(_container, BlobName);
        clock.Now += TimeSpan.FromMinutes(30);
        await issuer.IssueReadUrlAsync(_container, "another.mp4");
        Assert.Single(blobService.KeyRequests);

        clock.Now += TimeSpan.FromHours(1);
        await issuer.IssueReadUrlAsync(_container, BlobName);
        Assert.Equal(2, blobService.KeyRequests.Count);
    }

    private BlobReadUrlIssuer CreateIssuer(TimeProvider timeProvider, TimeSpan? lifetime = null) => new(
        _blobService,
        Options.Create(new ArchiveOptions { ReadUrlLifetime = lifetime ?? TimeSpan.FromMinutes(15) }),
        timeProvider);
}
