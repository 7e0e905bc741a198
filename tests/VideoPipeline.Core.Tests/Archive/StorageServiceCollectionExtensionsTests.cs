using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using VideoPipeline.Core.Archive;
using VideoPipeline.Core.Extensions;
using VideoPipeline.Core.Jobs;
using VideoPipeline.Core.Providers;
using VideoPipeline.Core.Storage;
using VideoPipeline.Testing;

namespace VideoPipeline.Core.Tests.Archive;

public class StorageServiceCollectionExtensionsTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task AddPipelineStorage_ConnectionString_ArchivesAndIssuesReadUrlsThroughAzurite()
    {
        await using var services = BuildServices(("Storage:ConnectionString", azurite.ConnectionString));
        var container = services.GetRequiredService<IOptions<StorageOptions>>().Value.VideosContainer;
        var request = new ArchiveRequest("job-di", ProviderName.Apixo, "sora-2-pro", "task-di", container, $"{Guid.NewGuid():N}.mp4");
        var video = new ResultContent(new MemoryStream(Mp4Samples.Sample), Mp4Samples.Sample.Length, "video/mp4");

        var result = await services.GetRequiredService<IVideoArchiver>().ArchiveAsync(request, _ => Task.FromResult(video));
        var url = await services.GetRequiredService<IBlobReadUrlIssuer>().IssueReadUrlAsync(result.Container, result.BlobName);

        Assert.Equal("videos", result.Container);
        Assert.Equal($"http://127.0.0.1:{azurite.Azurite.BlobPort}/devstoreaccount1/videos/{request.BlobName}", result.BlobUri.ToString());
        using var http = new HttpClient();
        Assert.Equal(Mp4Samples.Sample, await http.GetByteArrayAsync(url));
    }

    [Fact]
    public async Task AddPipelineStorage_QueueServiceClient_SendsBase64MessagesAsFunctionsExpects()
    {
        await using var services = BuildServices(("Storage:ConnectionString", azurite.ConnectionString));
        var queue = services.GetRequiredService<QueueServiceClient>().GetQueueClient($"batches-{Guid.NewGuid():N}");
        await queue.CreateAsync();

        await queue.SendMessageAsync("{\"id\":\"batch-1\"}");

        var raw = new QueueClient(azurite.ConnectionString, queue.Name);
        var message = Assert.Single((await raw.ReceiveMessagesAsync()).Value);
        Assert.Equal(Convert.ToBase64String("{\"id\":\"batch-1\"}"u8), message.Body.ToString());
    }

    [Fact]
    public async Task AddPipelineStorage_ServiceUris_CreatesTokenClientsForThoseEndpoints()
    {
        await using var services = BuildServices(
            ("Storage:BlobServiceUri", "https://pipelineprod.blob.core.windows.net"),
            ("Storage:QueueServiceUri", "https://pipelineprod.queue.core.windows.net"),
            ("Storage:ManagedIdentityClientId", "00000000-0000-0000-0000-000000000001"));

        var blobService = services.GetRequiredService<BlobServiceClient>();
        var queueService = services.GetRequiredService<QueueServiceClient>();

        Assert.Equal(new Uri("https://pipelineprod.blob.core.windows.net"), blobService.Uri);
        Assert.Equal(new Uri("https://pipelineprod.queue.core.windows.net"), queueService.Uri);
        Assert.False(blobService.CanGenerateAccountSasUri);
        Assert.IsType<BlobReadUrlIssuer>(services.GetRequiredService<IBlobReadUrlIssuer>());
    }

    [Fact]
    public async Task AddPipelineStorage_NoStorageConfigured_HostFailsToStart()
    {
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddPipelineStorage(builder.Configuration);
        using var host = builder.Build();

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("Storage:ConnectionString", failure.Message);
    }

    [Fact]
    public async Task AddPipelineStorage_ConnectionStringAndServiceUri_FailsValidation()
    {
        await using var services = BuildServices(
            ("Storage:ConnectionString", "UseDevelopmentStorage=true"),
            ("Storage:BlobServiceUri", "https://pipelineprod.blob.core.windows.net"));

        var failure = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<StorageOptions>>().Value);

        Assert.Contains("not both", failure.Message);
    }

    [Fact]
    public async Task AddPipelineStorage_BlobServiceUriWithoutQueueServiceUri_FailsValidation()
    {
        await using var services = BuildServices(("Storage:BlobServiceUri", "https://pipelineprod.blob.core.windows.net"));

        var failure = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<StorageOptions>>().Value);

        Assert.Contains("QueueServiceUri", failure.Message);
    }

    [Fact]
    public async Task AddPipelineStorage_ConnectionStringAndTableServiceUri_FailsValidation()
    {
        await using var services = BuildServices(
            ("Storage:ConnectionString", "UseDevelopmentStorage=true"),
            ("Storage:TableServiceUri", "https://pipelineprod.table.core.windows.net"));

        var failure = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<StorageOptions>>().Value);

        Assert.Contains("not both", failure.Message);
    }

    [Fact]
    public async Task AddPipelineStorage_RelativeTableServiceUri_FailsValidation()
    {
        await using var services = BuildServices(
            ("Storage:BlobServiceUri", "https://pipelineprod.blob.core.windows.net"),
            ("Storage:QueueServiceUri", "https://pipelineprod.queue.core.windows.net"),
            ("Storage:TableServiceUri", "/tables"));

        var failure = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<StorageOptions>>().Value);

        Assert.Contains("TableServiceUri", failure.Message);
    }

    [Fact]
    public async Task AddPipelineStorage_ArchiveSection_BindsArchiveOptions()
    {
        await using var services = BuildServices(
            ("Storage:ConnectionString", "UseDevelopmentStorage=true"),
            ("Storage:Archive:BlockSizeBytes", "4194304"),
            ("Storage:Archive:MaxConcurrentBlocks", "2"),
            ("Storage:Archive:SourceReadTimeout", "00:00:30"),
            ("Storage:Archive:ReadUrlLifetime", "00:05:00"));

        var options = services.GetRequiredService<IOptions<ArchiveOptions>>().Value;

        Assert.Equal(4 * 1024 * 1024, options.BlockSizeBytes);
        Assert.Equal(2, options.MaxConcurrentBlocks);
        Assert.Equal(TimeSpan.FromSeconds(30), options.SourceReadTimeout);
        Assert.Equal(TimeSpan.FromMinutes(5), options.ReadUrlLifetime);
    }

    [Fact]
    public async Task AddPipelineStorage_ArchiveOptionsOutOfRange_ReportsEveryFailure()
    {
        await using var services = BuildServices(
            ("Storage:ConnectionString", "UseDevelopmentStorage=true"),
            ("Storage:Archive:BlockSizeBytes", "1024"),
            ("Storage:Archive:MaxConcurrentBlocks", "0"),
            ("Storage:Archive:ReadUrlLifetime", "2.00:00:00"));

        var failure = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<ArchiveOptions>>().Value);

        Assert.Equal(3, failure.Failures.Count());
    }

    [Fact]
    public async Task AddPipelineStorage_Defaults_AreDocumentedValues()
    {
        await using var services = BuildServices(("Storage:ConnectionString", "UseDevelopmentStorage=true"));

        var storage = services.GetRequiredService<IOptions<StorageOptions>>().Value;
        var archive = services.GetRequiredService<IOptions<ArchiveOptions>>().Value;

        Assert.Equal("videos", storage.VideosContainer);
        Assert.Equal(8 * 1024 * 1024, archive.BlockSizeBytes);
        Assert.Equal(4, archive.MaxConcurrentBlocks);
        Assert.Equal(TimeSpan.FromSeconds(60), archive.SourceReadTimeout);
        Assert.Equal(TimeSpan.FromMinutes(15), archive.ReadUrlLifetime);
    }

    private static ServiceProvider BuildServices(params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(setting => KeyValuePair.Create(setting.Key, (string?)setting.Value)))
            .Build();
        return new ServiceCollection().AddLogging().AddPipelineStorage(configuration).BuildServiceProvider();
    }
}
