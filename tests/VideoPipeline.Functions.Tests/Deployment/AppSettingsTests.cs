using VideoPipeline.Core;
using VideoPipeline.Core.Batches;
using VideoPipeline.Core.Storage;
using VideoPipeline.Functions.Tests.BuildOutput;

namespace VideoPipeline.Functions.Tests.Deployment;

/// <summary>
/// The function app's settings as <c>bicep snapshot</c> predicts them, against what the built app and the code read:
/// host.json's and the bindings' <c>%setting%</c> names, the storage connections the host uses, and Core's options.
/// </summary>
[Collection(InfrastructureCollection.Name)]
public class AppSettingsTests(InfrastructureFixture infrastructure)
{
    [Fact]
    public async Task HostStorage_EveryConnectionTheHostUses_SignsInWithTheAppIdentityToEachService()
    {
        var deployment = await infrastructure.PredictedDeploymentAsync();
        var settings = deployment.AppSettings;
        var storage = deployment.IdOf("Microsoft.Storage/storageAccounts");
        var identity = deployment.IdOf("Microsoft.ManagedIdentity/userAssignedIdentities");
        var connections = FunctionsAppOutput.WithTrigger("queueTrigger")
            .Select(function => function.TriggerProperty("connection") ?? FunctionsAppOutput.DefaultStorageConnection)
            .Append(FunctionsAppOutput.DurableStorageConnection)
            .Distinct();

        Assert.All(connections, connection =>
        {
            // Durable's Azure Storage provider uses blobs, queues and tables; the queue trigger, queues.
            foreach (var service in new[] { "blob", "queue", "table" })
            {
                Assert.True(PredictedDeployment.IsReference((string?)settings[$"{connection}__{service}ServiceUri"], storage, $"primaryEndpoints.{service}"),
                    $"{connection}__{service}ServiceUri is {settings[$"{connection}__{service}ServiceUri"]}");
            }

            Assert.Equal("managedidentity", (string?)settings[$"{connection}__credential"]);
            Assert.True(PredictedDeployment.IsReference((string?)settings[$"{connection}__clientId"], identity, "clientId"));
            Assert.False(settings.ContainsKey(connection), $"{connection} would be a connection string, with a key.");
        });
    }

    [Fact]
    public async Task PipelineStorage_StorageOptions_UseTheServiceUrisAndTheAppIdentity()
    {
        var deployment = await infrastructure.PredictedDeploymentAsync();
        var settings = deployment.AppSettings;
        var storage = deployment.IdOf("Microsoft.Storage/storageAccounts");
        var identity = deployment.IdOf("Microsoft.ManagedIdentity/userAssignedIdentities");

        Assert.True(PredictedDeployment.IsReference((string?)settings[AppSettingNames.Storage(nameof(StorageOptions.BlobServiceUri))], storage, "primaryEndpoints.blob"));
        Assert.True(PredictedDeployment.IsReference((string?)settings[AppSettingNames.Storage(nameof(StorageOptions.QueueServiceUri))], storage, "primaryEndpoints.queue"));
        Assert.True(PredictedDeployment.IsReference((string?)settings[AppSettingNames.Storage(nameof(StorageOptions.ManagedIdentityClientId))], identity, "clientId"));
        // StorageOptionsValidator rejects a connection string next to the service URIs.
        Assert.False(settings.ContainsKey(AppSettingNames.Storage(nameof(StorageOptions.ConnectionString))));
    }

    [Fact]
    public async Task Settings_NamedByHostJsonAndBindings_AreSetAndNameCreatedResources()
    {
        var deployment = await infrastructure.PredictedDeploymentAsync();
        var settings = deployment.AppSettings;
        var queues = deployment.ChildNames("Microsoft.Storage/storageAccounts/queueServices/queues");
        var containers = deployment.ChildNames("Microsoft.Storage/storageAccounts/blobServices/containers");

        var hubSetting = FunctionsAppOutput.AppSettingOf((string)FunctionsAppOutput.HostJson["extensions"]!["durableTask"]!["hubName"]!);
        Assert.False(string.IsNullOrEmpty((string?)settings[hubSetting]), $"The task hub setting {hubSetting} is not set.");

        var queueSetting = FunctionsAppOutput.AppSettingOf(FunctionsAppOutput.Function("StartJobsFromQueue").TriggerProperty("queueName")!);
        var batches = new BatchOptions { QueueName = (string)settings[queueSetting]! };
        Assert.Contains(batches.QueueName, queues);
        Assert.Contains(batches.PoisonQueueName, queues);

        Assert.Contains((string?)settings[AppSettingNames.Storage(nameof(StorageOptions.VideosContainer))] ?? new StorageOptions().VideosContainer, containers);
        Assert.Contains((string?)settings[AppSettingNames.Pipeline(nameof(PipelineOptions.StateContainer))] ?? new PipelineOptions().StateContainer, containers);
    }

    [Fact]
    public async Task PublicBaseUrl_ForProviderCallbacks_IsTheAppsHttpsAddress()
    {
        var deployment = await infrastructure.PredictedDeploymentAsync();
        var publicBaseUrl = (string?)deployment.AppSettings[AppSettingNames.Pipeline(nameof(PipelineOptions.PublicBaseUrl))];

        Assert.StartsWith("[format('https://{0}', ", publicBaseUrl);
        Assert.True(PredictedDeployment.UsesReference(publicBaseUrl, deployment.IdOf("Microsoft.Web/sites"), "defaultHostName"), publicBaseUrl);
    }

    [Fact]
    public async Task Secrets_EverySecretSetting_IsAKeyVaultReferenceWhenGivenAndEmptyOtherwise()
    {
        var settings = (await infrastructure.PredictedDeploymentAsync()).AppSettings;
        var callbackSecret = AppSettingNames.Pipeline(nameof(PipelineOptions.CallbackSecret));

        Assert.All(AppSettingNames.Secrets(), setting =>
        {
            var value = (string?)settings[setting];
            Assert.NotNull(value);
            if (InfrastructureFixture.GivenSecrets.TryGetValue(setting, out var given))
            {
                // Secure values stay unknown before deployment: the reference is conditional on the given parameter.
                Assert.Contains("@Microsoft.KeyVault(VaultName=", value);
                Assert.Contains($"parameters('{given.Parameter}')", value);
            }
            else if (setting == callbackSecret)
            {
                // Generated when not given, so callbacks always verify.
                Assert.Contains("@Microsoft.KeyVault(VaultName=", value);
            }
            else
            {
                Assert.Equal("", value);
            }
        });

        var allSettings = settings.ToJsonString();
        Assert.All(InfrastructureFixture.GivenSecrets.Values, given => Assert.DoesNotContain(given.Value, allSettings));
    }

    [Fact]
    public async Task Telemetry_ApplicationInsightsConnectionString_IsTheComponentsOwn()
    {
        // The worker adds the Azure Monitor exporter only when this setting is present; the host exports with it too.
        var deployment = await infrastructure.PredictedDeploymentAsync();

        Assert.True(PredictedDeployment.IsReference((string?)deployment.AppSettings["APPLICATIONINSIGHTS_CONNECTION_STRING"],
            deployment.IdOf("Microsoft.Insights/components"), "ConnectionString"));
    }

    [Fact]
    public async Task DevelopmentSettings_OnAzure_AreNotSet()
    {
        // Origins exempt from the media URL rules exist for the local emulator only.
        var settings = (await infrastructure.PredictedDeploymentAsync()).AppSettings;

        Assert.DoesNotContain(settings, setting =>
            setting.Key.StartsWith(AppSettingNames.Pipeline(nameof(PipelineOptions.DevelopmentAllowedOrigins)), StringComparison.Ordinal));
    }
}
