// Key Vault in RBAC mode holding the pipeline's secrets. main.bicep passes only the secrets that have a value, and the
// function app references exactly those, so an unset provider stays unconfigured.
param name string
param location string
param tags object = {}

@secure()
@description('Secret name → value, for the secrets that have a value.')
param secrets object

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 7
    publicNetworkAccess: 'Enabled'
  }
}

resource secret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = [for item in items(secrets): {
  parent: vault
  name: item.key
  properties: {
    value: item.value
  }
}]
