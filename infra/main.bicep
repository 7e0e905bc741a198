// VideoPipeline on Azure Functions (Flex Consumption) for `azd up`.
// Modelled on Azure-Samples/functions-quickstart-dotnet-azd (infra/main.bicep, infra/core/host/functions-flexconsumption.bicep,
// infra/core/storage/storage-account.bicep), with plain resources instead of registry modules so it builds offline.
targetScope = 'subscription'

@minLength(1)
@maxLength(64)
@description('Name of the azd environment; used for the resource group name and the hash in every resource name.')
param environmentName string

@minLength(1)
@description('Region of every resource. Flex Consumption is available in the regions listed.')
@allowed(['australiaeast', 'centralindia', 'centralus', 'eastasia', 'eastus', 'eastus2', 'francecentral', 'germanywestcentral', 'northcentralus', 'northeurope', 'southcentralus', 'southeastasia', 'swedencentral', 'uksouth', 'westcentralus', 'westeurope', 'westus2', 'eastus2euap'])
@metadata({
  azd: {
    type: 'location'
  }
})
param location string

@description('Object id of the developer running azd (AZURE_PRINCIPAL_ID); gets blob access and Key Vault Secrets Officer for setting keys. Empty to skip.')
param principalId string = ''

@description('Name of the Durable Functions task hub (letters and digits, 3-45 characters).')
param taskHubName string = 'VideoPipeline'

@description('Maximum instances the Flex Consumption app scales out to.')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int = 100

@description('Memory of each instance in MB (2048 or 4096).')
@allowed([2048, 4096])
param instanceMemoryMB int = 2048

@secure()
@description('Key for per-job callback tokens (Pipeline:CallbackSecret). Set CALLBACK_SECRET to keep it stable; when empty a new random value is generated on each provision, which only invalidates the callback URLs of jobs in flight (they keep polling).')
param callbackSecret string = ''

@secure()
@description('Generated fallback for callbackSecret. Do not set.')
param generatedCallbackSecret string = newGuid()

@secure()
@description('FoxAPI key (Providers:FoxApi:ApiKey). Empty: FoxAPI is not configured.')
param foxApiKey string = ''

@secure()
@description('OpenAI key (Providers:OpenAi:ApiKey). Empty: OpenAI is not configured.')
param openAiApiKey string = ''

@secure()
@description('OpenAI project webhook secret, whsec_… (Providers:OpenAi:WebhookSecret). Empty: OpenAI jobs poll.')
param openAiWebhookSecret string = ''

@secure()
@description('APIXO key (Providers:Apixo:ApiKey). Empty: APIXO is not configured.')
param apixoApiKey string = ''

@secure()
@description('Standard Webhooks secret, whsec_…, to sign notifications to notifyUrl (Pipeline:NotifySigningSecret). Empty: unsigned.')
param notifySigningSecret string = ''

var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = { 'azd-env-name': environmentName }
var functionAppName = 'func-api-${resourceToken}'
var keyVaultName = 'kv-${resourceToken}'
var deploymentContainerName = 'app-package-${take(functionAppName, 32)}-${take(resourceToken, 7)}'
// The defaults of Core's StorageOptions.VideosContainer, PipelineOptions.StateContainer and BatchOptions.QueueName,
// created here and passed to the app so that both always agree.
var videosContainerName = 'videos'
var stateContainerName = 'videopipeline-state'
var batchQueueName = 'video-batches'

// Every secret the pipeline reads: the app setting that receives it, its Key Vault secret and its value. A secret
// without a value is neither stored nor referenced; its setting stays empty, which the code treats as not
// configured. (A reference to a missing secret would not be: App Service passes an unresolved reference on as the
// literal "@Microsoft.KeyVault(...)" text.)
var secrets = [
  { setting: 'Pipeline__CallbackSecret', name: 'callback-secret', value: empty(callbackSecret) ? generatedCallbackSecret : callbackSecret }
  { setting: 'Pipeline__NotifySigningSecret', name: 'notify-signing-secret', value: notifySigningSecret }
  { setting: 'Providers__FoxApi__ApiKey', name: 'foxapi-api-key', value: foxApiKey }
  { setting: 'Providers__OpenAi__ApiKey', name: 'openai-api-key', value: openAiApiKey }
  { setting: 'Providers__OpenAi__WebhookSecret', name: 'openai-webhook-secret', value: openAiWebhookSecret }
  { setting: 'Providers__Apixo__ApiKey', name: 'apixo-api-key', value: apixoApiKey }
]

resource rg 'Microsoft.Resources/resourceGroups@2021-04-01' = {
  name: 'rg-${environmentName}'
  location: location
  tags: tags
}

module identity 'modules/identity.bicep' = {
  name: 'identity'
  scope: rg
  params: {
    name: 'id-api-${resourceToken}'
    location: location
    tags: tags
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  scope: rg
  params: {
    name: 'st${resourceToken}'
    location: location
    tags: tags
    containers: [deploymentContainerName, videosContainerName, stateContainerName]
    // The Functions convention for the poison queue, as BatchOptions.PoisonQueueName.
    queues: [batchQueueName, '${batchQueueName}-poison']
  }
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  scope: rg
  params: {
    logAnalyticsName: 'log-${resourceToken}'
    applicationInsightsName: 'appi-${resourceToken}'
    location: location
    tags: tags
  }
}

module keyVault 'modules/keyvault.bicep' = {
  name: 'keyvault'
  scope: rg
  params: {
    name: keyVaultName
    location: location
    tags: tags
    secrets: toObject(filter(secrets, secret => !empty(secret.value)), secret => secret.name, secret => secret.value)
  }
}

module rbac 'modules/rbac.bicep' = {
  name: 'rbac'
  scope: rg
  // By name from this template, so the role assignment waits for the vault explicitly.
  dependsOn: [keyVault]
  params: {
    storageAccountName: storage.outputs.name
    keyVaultName: keyVaultName
    applicationInsightsName: monitoring.outputs.applicationInsightsName
    identityPrincipalId: identity.outputs.principalId
    userPrincipalId: principalId
  }
}

module api 'modules/functionapp.bicep' = {
  name: 'api'
  scope: rg
  dependsOn: [rbac]
  params: {
    name: functionAppName
    planName: 'plan-${resourceToken}'
    location: location
    tags: tags
    serviceName: 'api'
    storageAccountName: storage.outputs.name
    deploymentContainerName: deploymentContainerName
    videosContainerName: videosContainerName
    stateContainerName: stateContainerName
    batchQueueName: batchQueueName
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    applicationInsightsName: monitoring.outputs.applicationInsightsName
    maximumInstanceCount: maximumInstanceCount
    instanceMemoryMB: instanceMemoryMB
    taskHubName: taskHubName
    // References only: the values stay in Key Vault.
    keyVaultReferences: toObject(secrets, secret => secret.setting, secret => empty(secret.value)
      ? ''
      : '@Microsoft.KeyVault(VaultName=${keyVaultName};SecretName=${secret.name})')
  }
}

output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = rg.name
output AZURE_FUNCTION_NAME string = api.outputs.name
output SERVICE_API_NAME string = api.outputs.name
output SERVICE_API_URI string = api.outputs.uri
output AZURE_KEY_VAULT_NAME string = keyVaultName
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name
output APPLICATIONINSIGHTS_CONNECTION_STRING string = monitoring.outputs.applicationInsightsConnectionString
