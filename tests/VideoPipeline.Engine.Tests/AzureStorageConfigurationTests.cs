using System.Text.Json;
using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using VideoPipeline.Engine.Tests.Infrastructure;
using VideoPipeline.Testing;

namespace VideoPipeline.Engine.Tests;

/// <summary>The <c>DurableTask</c> and <c>Storage</c> settings: checked at start, before any storage is touched.</summary>
public sealed class AzureStorageConfigurationTests
{
    [Theory]
    [InlineData("DurableTask:TaskHubName", "1Hub", "TaskHubName")]
    [InlineData("DurableTask:TaskHubName", "task-hub", "TaskHubName")]
    [InlineData("DurableTask:TaskHubName", "ab", "TaskHubName")]
    [InlineData("DurableTask:TaskHubName", "A234567890123456789012345678901234567890123456", "TaskHubName")]
    [InlineData("DurableTask:PartitionCount", "17", "PartitionCount")]
    [InlineData("DurableTask:MaxQueuePollingInterval", "00:00:00", "MaxQueuePollingInterval")]
    [InlineData("DurableTask:ControlQueueVisibilityTimeout", "00:00:03", "ControlQueueVisibilityTimeout")]
    [InlineData("DurableTask:WorkItemQueueVisibilityTimeout", "00:00:05", "WorkItemQueueVisibilityTimeout")]
    [InlineData("DurableTask:WorkerId", "", "WorkerId")]
    [InlineData("DurableTask:MaxConcurrentActivities", "0", "MaxConcurrentActivities")]
    [InlineData("DurableTask:MaxConcurrentOrchestrations", "0", "MaxConcurrentOrchestrations")]
    [InlineData("DurableTask:ExtendedSessionIdleTimeout", "00:00:00.05", "ExtendedSessionIdleTimeout")]
    [InlineData("Storage:ConnectionString", "", "Storage:ConnectionString")]
    [InlineData("Storage:BlobServiceUri", "https://account.blob.core.windows.net", "not both")]
    public async Task StartAsync_InvalidSetting_FailsNamingIt(string key, string value, string named)
    {
        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => StartAsync(new() { [key] = value }));

        Assert.Contains(named, failure.Message);
    }

    [Theory]
    [InlineData("TableServiceUri", null, "TableServiceUri")]
    [InlineData("QueueServiceUri", "/relative", "QueueServiceUri")]
    public async Task StartAsync_IncompleteServiceUris_FailsNamingTheSetting(string key, string? value, string named)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = null,
            ["Storage:BlobServiceUri"] = "https://account.blob.core.windows.net",
            ["Storage:QueueServiceUri"] = "https://account.queue.core.windows.net",
            ["Storage:TableServiceUri"] = "https://account.table.core.windows.net",
            [$"Storage:{key}"] = value,
        };

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => StartAsync(settings));

        Assert.Contains(named, failure.Message);
    }

    [Fact]
    public void CreateSettings_Options_AreWhatTheTaskHubRunsWith()
    {
        var engine = new DurableTaskEngineOptions
        {
            TaskHubName = "SomeHub",
            PartitionCount = 8,
            MaxQueuePollingInterval = TimeSpan.FromSeconds(3),
            ControlQueueVisibilityTimeout = TimeSpan.FromSeconds(90),
            WorkItemQueueVisibilityTimeout = TimeSpan.FromSeconds(120),
            WorkerId = "worker-7",
            MaxConcurrentActivities = 5,
            MaxConcurrentOrchestrations = 6,
            UseTablePartitionManagement = false,
            ExtendedSessionsEnabled = false,
            ExtendedSessionIdleTimeout = TimeSpan.FromSeconds(7),
        };

        var settings = AzureStorageServiceCollectionExtensions.CreateSettings(
            engine, new TaskHubStorageOptions { ConnectionString = "UseDevelopmentStorage=true" }, NullLoggerFactory.Instance);

        Assert.Equal(
            (engine.TaskHubName, engine.PartitionCount, engine.MaxQueuePollingInterval, engine.ControlQueueVisibilityTimeout,
                engine.WorkItemQueueVisibilityTimeout, engine.WorkerId, engine.MaxConcurrentActivities, engine.MaxConcurrentOrchestrations,
                engine.UseTablePartitionManagement),
            (settings.TaskHubName, settings.PartitionCount, settings.MaxQueuePollingInterval, settings.ControlQueueVisibilityTimeout,
                settings.WorkItemQueueVisibilityTimeout, settings.WorkerId, settings.MaxConcurrentTaskActivityWorkItems,
                settings.MaxConcurrentTaskOrchestrationWorkItems, settings.UseTablePartitionManagement));
        Assert.True(settings.ThrowExceptionOnInvalidDedupeStatus);
        Assert.Equal((false, TimeSpan.FromSeconds(7)), (settings.ExtendedSessionsEnabled, settings.ExtendedSessionIdleTimeout));
    }

    [Fact]
    public void CreateSettings_ServiceUris_ReachTheAccountThroughThem()
    {
        var storage = new TaskHubStorageOptions
        {
            BlobServiceUri = new Uri("https://account.blob.core.windows.net"),
            QueueServiceUri = new Uri("https://account.queue.core.windows.net"),
            TableServiceUri = new Uri("https://account.table.core.windows.net"),
            ManagedIdentityClientId = "00000000-0000-0000-0000-000000000001",
        };

        var clients = AzureStorageServiceCollectionExtensions.CreateSettings(new DurableTaskEngineOptions(), storage, NullLoggerFactory.Instance)
            .StorageAccountClientProvider!;

        Assert.Equal(storage.BlobServiceUri, clients.Blob.CreateClient(clients.Blob.CreateOptions()).Uri);
        Assert.Equal(storage.QueueServiceUri, clients.Queue.CreateClient(clients.Queue.CreateOptions()).Uri);
        Assert.Equal(storage.TableServiceUri, clients.Table.CreateClient(clients.Table.CreateOptions()).Uri);
    }

    [Fact]
    public void DurableTaskEngineOptions_Defaults_MatchTheFunctionsHostJson()
    {
        using var hostJson = JsonDocument.Parse(File.ReadAllText(RepositoryPaths.Combine("host.json")));
        var durableTask = hostJson.RootElement.GetProperty("extensions").GetProperty("durableTask");
        var defaults = new DurableTaskEngineOptions();

        Assert.Equal(durableTask.GetProperty("storageProvider").GetProperty("partitionCount").GetInt32(), defaults.PartitionCount);
        Assert.Equal(durableTask.GetProperty("maxConcurrentActivityFunctions").GetInt32(), defaults.MaxConcurrentActivities);
        Assert.Equal(durableTask.GetProperty("maxConcurrentOrchestratorFunctions").GetInt32(), defaults.MaxConcurrentOrchestrations);

        // Durable Functions manages partitions in a table unless host.json says otherwise.
        Assert.False(durableTask.GetProperty("storageProvider").TryGetProperty("useTablePartitionManagement", out _));
        Assert.True(defaults.UseTablePartitionManagement);

        // The one default that differs on purpose: host.json keeps the Functions app's extended sessions off, the
        // engine's worker (OrchestrationServiceWorker) runs with them.
        Assert.False(durableTask.GetProperty("extendedSessionsEnabled").GetBoolean());
        Assert.True(defaults.ExtendedSessionsEnabled);
    }

    private static async Task StartAsync(Dictionary<string, string?> settings)
    {
        await using var host = await EngineHost.StartAsync(builder =>
        {
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Storage:ConnectionString"] = "UseDevelopmentStorage=true" });
            builder.Configuration.AddInMemoryCollection(settings);
            builder.Services.AddAzureStorageOrchestrationService(builder.Configuration);
        });
    }
}
