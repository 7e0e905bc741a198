// Flex Consumption plan and the function app (dotnet-isolated 10.0), following
// Azure-Samples/functions-quickstart-dotnet-azd infra/core/host/functions-flexconsumption.bicep: deployment package in
// a blob container read with the user-assigned identity, identity-based AzureWebJobsStorage, settings in a child
// config resource. Flex Consumption sets the runtime in functionAppConfig; FUNCTIONS_WORKER_RUNTIME and
// FUNCTIONS_EXTENSION_VERSION are not app settings there. The settings are one literal object, so that what-if and
// the deployment tests (tests/VideoPipeline.Functions.Tests/Deployment) see every name.
param name string
param planName string
param location string
param tags object = {}
param serviceName string = 'api'
param storageAccountName string
param deploymentContainerName string
param videosContainerName string
param stateContainerName string
param batchQueueName string
param identityId string
param identityClientId string
param applicationInsightsName string
param maximumInstanceCount int = 100
param instanceMemoryMB int = 2048
param taskHubName string

@description('App setting → "@Microsoft.KeyVault(...)" reference, or empty where the secret has no value (not configured).')
param keyVaultReferences object

resource storage 'Microsoft.Storage/storageAccounts@2023-01-01' existing = {
  name: storageAccountName
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

resource plan 'Microsoft.Web/serverfarms@2023-12-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    reserved: true
  }
}

resource functions 'Microsoft.Web/sites@2023-12-01' = {
  name: name
  location: location
  tags: union(tags, { 'azd-service-name': serviceName })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    keyVaultReferenceIdentity: identityId
    siteConfig: {
      minTlsVersion: '1.2'
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storage.properties.primaryEndpoints.blob}${deploymentContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        instanceMemoryMB: instanceMemoryMB
        maximumInstanceCount: maximumInstanceCount
      }
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
  }

  resource appSettings 'config' = {
    name: 'appsettings'
    properties: {
      // Functions host storage (Durable task hub: blobs, queues and tables; the batch queue trigger) through the
      // user-assigned identity. Service URIs rather than the account name, so that other clouds work too.
      AzureWebJobsStorage__blobServiceUri: storage.properties.primaryEndpoints.blob
      AzureWebJobsStorage__queueServiceUri: storage.properties.primaryEndpoints.queue
      AzureWebJobsStorage__tableServiceUri: storage.properties.primaryEndpoints.table
      AzureWebJobsStorage__credential: 'managedidentity'
      AzureWebJobsStorage__clientId: identityClientId
      // Host and worker export OpenTelemetry to Application Insights when the connection string is set.
      APPLICATIONINSIGHTS_CONNECTION_STRING: applicationInsights.properties.ConnectionString
      APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identityClientId};Authorization=AAD'
      DurableTaskHubName: taskHubName
      Batches__QueueName: batchQueueName
      // The pipeline's own storage clients (Core's StorageOptions), signing in with the same identity.
      Storage__BlobServiceUri: storage.properties.primaryEndpoints.blob
      Storage__QueueServiceUri: storage.properties.primaryEndpoints.queue
      Storage__ManagedIdentityClientId: identityClientId
      Storage__VideosContainer: videosContainerName
      Pipeline__StateContainer: stateContainerName
      // Providers call back here; callback URLs carry a per-job token signed with Pipeline__CallbackSecret.
      Pipeline__PublicBaseUrl: 'https://${functions.properties.defaultHostName}'
      Pipeline__CallbackSecret: keyVaultReferences.Pipeline__CallbackSecret
      Pipeline__NotifySigningSecret: keyVaultReferences.Pipeline__NotifySigningSecret
      Providers__FoxApi__ApiKey: keyVaultReferences.Providers__FoxApi__ApiKey
      Providers__OpenAi__ApiKey: keyVaultReferences.Providers__OpenAi__ApiKey
      Providers__OpenAi__WebhookSecret: keyVaultReferences.Providers__OpenAi__WebhookSecret
      Providers__Apixo__ApiKey: keyVaultReferences.Providers__Apixo__ApiKey
    }
  }
}

output name string = functions.name
output uri string = 'https://${functions.properties.defaultHostName}'
