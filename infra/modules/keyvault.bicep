// Key Vault in RBAC mode holding the pipeline's secrets. A secret is created only when it has a value; main.bicep
// passes the function app references to exactly those secrets, so an unset provider stays unconfigured instead of
// receiving an unresolved reference.
param name string
param location string
param tags object = {}

@secure()
@description('Secret name → value; empty values are skipped.')
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

resource secret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = [for item in items(secrets): if (!empty(item.value)) {
  parent: vault
  name: item.key
  properties: {
    value: item.value
  }
}]

output name string = vault.name
output uri string = vault.properties.vaultUri
