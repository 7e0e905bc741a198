using System.Runtime.Versioning;
using System.Text.Json.Nodes;
using VideoPipeline.Functions.Orchestration;

namespace VideoPipeline.Functions.Tests.Deployment;

/// <summary>The resources <c>bicep snapshot</c> predicts for infra/main.bicep: storage, identity and roles, the Flex Consumption app.</summary>
[Collection(InfrastructureCollection.Name)]
public class PredictedResourcesTests(InfrastructureFixture infrastructure)
{
    /// <summary>Built-in role definition ids (Azure RBAC built-in roles).</summary>
    private const string StorageBlobDataOwner = "b7e6dc6d-f1e8-4753-8033-0f276bb0955b";
    private const string StorageBlobDataContributor = "ba92f5b4-2d11-453d-a403-e96b0029c9fe";
    private const string StorageQueueDataContributor = "974c5e8b-45b9-4653-ba55-5f855dd0fb88";
    private const string StorageTableDataContributor = "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3";
    private const string KeyVaultSecretsUser = "4633458b-17de-408a-b874-0445c86b69e6";
    private const string MonitoringMetricsPublisher = "3913510d-42f4-4e42-8a64-420c390055eb";

    [Fact]
    public async Task StorageAccount_Access_IsEntraOnlyWithoutPublicBlobs()
    {
        var storage = (await infrastructure.PredictedDeploymentAsync()).Single("Microsoft.Storage/storageAccounts")["properties"]!;

        Assert.False((bool?)storage["allowSharedKeyAccess"]);
        Assert.False((bool?)storage["allowBlobPublicAccess"]);
        Assert.True((bool?)storage["supportsHttpsTrafficOnly"]);
        Assert.Equal("TLS1_2", (string?)storage["minimumTlsVersion"]);
    }

    [Fact]
    public async Task RoleAssignments_AppIdentityOnStorage_CoverBlobsQueuesAndTables()
    {
        // Durable's Azure Storage provider keeps its task hub in all three services; the pipeline archives to blobs
        // (with user-delegation SAS for content links) and reads the batch queue.
        var deployment = await infrastructure.PredictedDeploymentAsync();
        var roles = AppRolesOn(deployment, deployment.IdOf("Microsoft.Storage/storageAccounts"));

        Assert.True(roles.Contains(StorageBlobDataOwner) || roles.Contains(StorageBlobDataContributor), $"Blob data role missing: {string.Join(", ", roles)}");
        Assert.Contains(StorageQueueDataContributor, roles);
        Assert.Contains(StorageTableDataContributor, roles);
    }

    [Fact]
    public async Task RoleAssignments_AppIdentity_ReadsKeyVaultSecretsAndPublishesTelemetry()
    {
        var deployment = await infrastructure.PredictedDeploymentAsync();
        var vault = $"/subscriptions/{InfrastructureFixture.SubscriptionId}/resourceGroups/{(string?)deployment.Outputs["AZURE_RESOURCE_GROUP"]}" +
                    $"/providers/Microsoft.KeyVault/vaults/{(string?)deployment.Outputs["AZURE_KEY_VAULT_NAME"]}";

        Assert.Contains(KeyVaultSecretsUser, AppRolesOn(deployment, vault));
        Assert.Contains(MonitoringMetricsPublisher, AppRolesOn(deployment, deployment.IdOf("Microsoft.Insights/components")));
    }

    [Fact]
    public async Task FunctionApp_Plan_IsFlexConsumptionRunningTheBuiltDotnetVersion()
    {
        var deployment = await infrastructure.PredictedDeploymentAsync();
        var plan = deployment.Single("Microsoft.Web/serverfarms");
        var app = deployment.Single("Microsoft.Web/sites");
        var runtime = app["properties"]!["functionAppConfig"]!["runtime"]!;
        var builtFor = new FrameworkName(typeof(VideoJobOrchestratorFunction).Assembly
            .GetCustomAttributes(typeof(TargetFrameworkAttribute), inherit: false).Cast<TargetFrameworkAttribute>().Single().FrameworkName);

        Assert.Equal("FC1", (string?)plan["sku"]!["name"]);
        Assert.Equal("FlexConsumption", (string?)plan["sku"]!["tier"]);
        Assert.Equal(deployment.IdOf("Microsoft.Web/serverfarms"), (string?)app["properties"]!["serverFarmId"]);
        Assert.Equal("functionapp,linux", (string?)app["kind"]);
        Assert.Equal("dotnet-isolated", (string?)runtime["name"]);
        Assert.Equal($"{builtFor.Version.Major}.{builtFor.Version.Minor}", (string?)runtime["version"]);
    }

    [Fact]
    public async Task FunctionApp_UserAssignedIdentity_ReadsKeyVaultReferencesAndTheDeploymentPackage()
    {
        var deployment = await infrastructure.PredictedDeploymentAsync();
        var identity = deployment.IdOf("Microsoft.ManagedIdentity/userAssignedIdentities");
        var app = deployment.Single("Microsoft.Web/sites");
        var package = app["properties"]!["functionAppConfig"]!["deployment"]!["storage"]!;
        var container = Assert.Single(deployment.ChildNames("Microsoft.Storage/storageAccounts/blobServices/containers"),
            name => ((string)package["value"]!).Contains($"'{name}'", StringComparison.Ordinal));

        Assert.Equal([identity], app["identity"]!["userAssignedIdentities"]!.AsObject().Select(entry => entry.Key));
        Assert.Equal(identity, (string?)app["properties"]!["keyVaultReferenceIdentity"]);
        Assert.True((bool?)app["properties"]!["httpsOnly"]);
        Assert.Equal("blobContainer", (string?)package["type"]);
        Assert.True(PredictedDeployment.UsesReference((string?)package["value"], deployment.IdOf("Microsoft.Storage/storageAccounts"), "primaryEndpoints.blob"),
            $"The package container {container} is not on the app's storage account: {package["value"]}");
        Assert.Equal("UserAssignedIdentity", (string?)package["authentication"]!["type"]);
        Assert.Equal(identity, (string?)package["authentication"]!["userAssignedIdentityResourceId"]);
    }

    /// <summary>The role definition ids granted to the app's identity on one resource.</summary>
    private static List<string> AppRolesOn(PredictedDeployment deployment, string scope)
    {
        var identity = deployment.IdOf("Microsoft.ManagedIdentity/userAssignedIdentities");
        return deployment.OfType("Microsoft.Authorization/roleAssignments")
            .Where(assignment => string.Equals(PredictedDeployment.ScopeOf(assignment), scope, StringComparison.OrdinalIgnoreCase)
                                 && PredictedDeployment.IsReference((string?)assignment["properties"]!["principalId"], identity, "principalId"))
            .Select(assignment => ((string)assignment["properties"]!["roleDefinitionId"]!).Split('/')[^1])
            .ToList();
    }
}
