// The store on Azure (README "Deploy to Azure"), provisioned by `azd up` / `azd provision`.
// Structure after the official Flex Consumption azd quickstarts (Azure-Samples/functions-quickstart-*-azd,
// durable-functions-quickstart-*-azd): a resource group, a user-assigned identity for the app, a Flex
// Consumption plan and app, identity-only storage and monitoring, role assignments, and here also the
// storefront's Static Web App and, on request, the Durable Task Scheduler.
// Not compiled in CI: the Bicep compiler downloads its binary, which these machines cannot.
targetScope = 'subscription'

@minLength(1)
@maxLength(64)
@description('Name of the azd environment; it names the resource group and seeds the unique suffix of every resource.')
param environmentName string

@minLength(1)
@description('Region of the resources. Flex Consumption is offered in these regions (check the current list before adding one).')
@allowed([
  'australiaeast'
  'brazilsouth'
  'canadacentral'
  'centralindia'
  'centralus'
  'eastasia'
  'eastus'
  'eastus2'
  'francecentral'
  'germanywestcentral'
  'italynorth'
  'japaneast'
  'koreacentral'
  'northcentralus'
  'northeurope'
  'norwayeast'
  'southafricanorth'
  'southcentralus'
  'southeastasia'
  'swedencentral'
  'uaenorth'
  'uksouth'
  'westcentralus'
  'westeurope'
  'westus2'
  'westus3'
])
@metadata({
  azd: {
    type: 'location'
  }
})
param location string

@description('Region of the Static Web App (the service exists in a few regions only; it serves from a global edge anyway).')
@allowed([
  'centralus'
  'eastasia'
  'eastus2'
  'westeurope'
  'westus2'
])
param staticWebAppLocation string = 'eastus2'

@description('Object id of the identity running azd: gets data access to the storage and the scheduler for debugging. Empty: none.')
param principalId string = ''

@description('What principalId is: a person (User) or, in the deploy workflow, the pipeline\'s service principal.')
@allowed([
  'User'
  'ServicePrincipal'
])
param principalType string = 'User'

@description('Where Durable Functions keeps its state: the storage account (AzureStorage) or a Durable Task Scheduler.')
@allowed([
  'AzureStorage'
  'DurableTaskScheduler'
])
param durableBackend string = 'AzureStorage'

@description('Region of the Durable Task Scheduler (when durableBackend is DurableTaskScheduler).')
param durableTaskSchedulerLocation string = location

@description('Durable Task Scheduler SKU: Consumption (billed per action, nothing at idle) or Dedicated (capacity units, billed per hour).')
@allowed([
  'Consumption'
  'Dedicated'
])
param durableTaskSchedulerSku string = 'Consumption'

@description('Task hub name (app setting TaskHubName, read by host.json as %TaskHubName%; the scheduler\'s task hub has this name too).')
@minLength(3)
@maxLength(45)
param taskHubName string = 'ContosoCoffee'

@description('Client id of a Microsoft Entra app registration whose tokens the API accepts (App Service Authentication). Empty: only the storefront\'s sign-in (the linked Static Web App) reaches the customer routes.')
param entraClientId string = ''

@description('STORE_REQUIRE_AUTH: customer routes require a signed-in principal. Keep true on Azure; false opens every cart and order to anyone.')
param storeRequireAuth bool = true

@description('STORE_SEED_SAMPLE_CATALOG: an empty store starts with the six sample coffees (only ever into an empty store).')
param seedSampleCatalog bool = true

@description('STORE_WRITE_DEADLINE_MS: how long a write waits for its outcome before answering 202.')
@minValue(1)
param storeWriteDeadlineMs int = 20000

@description('STORE_HISTORY_RETENTION_DAYS: completed orchestration history older than this is purged.')
@minValue(1)
param historyRetentionDays int = 30

@description('STORE_HISTORY_PURGE_SCHEDULE: NCRONTAB schedule (UTC) of the history purge timer.')
param historyPurgeSchedule string = '0 30 2 * * *'

@description('Memory of each Flex Consumption instance, in MB (billed per GB-second).')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int = 2048

@description('Always-ready instances for the http group (HTTP triggers). Billed at idle.')
@minValue(0)
param alwaysReadyHttp int = 1

@description('Always-ready instances for the durable group (orchestrations, entities, activities). Billed at idle.')
@minValue(0)
param alwaysReadyDurable int = 1

@description('Upper bound of the scale-out (Flex Consumption accepts 40 to 1000).')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int = 40

@description('Further origins (https://...) allowed to call the API from a browser, besides the storefront.')
param corsAllowedOrigins array = []

var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = { 'azd-env-name': environmentName }
var functionAppName = 'func-api-${resourceToken}'
// The Flex Consumption deployment container (the app package), one per app
var deploymentContainerName = 'app-package-${take(functionAppName, 32)}-${take(resourceToken, 7)}'
var useScheduler = durableBackend == 'DurableTaskScheduler'

resource rg 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: 'rg-${environmentName}'
  location: location
  tags: tags
}

// The app's identity: storage, monitoring and the scheduler trust it; no keys or connection strings anywhere.
module apiIdentity 'br/public:avm/res/managed-identity/user-assigned-identity:0.4.1' = {
  name: 'apiIdentity'
  scope: rg
  params: {
    name: 'id-api-${resourceToken}'
    location: location
    tags: tags
  }
}

module plan 'br/public:avm/res/web/serverfarm:0.1.1' = {
  name: 'plan'
  scope: rg
  params: {
    name: 'plan-${resourceToken}'
    sku: {
      name: 'FC1'
      tier: 'FlexConsumption'
    }
    reserved: true
    location: location
    tags: tags
  }
}

module storage 'br/public:avm/res/storage/storage-account:0.8.3' = {
  name: 'storage'
  scope: rg
  params: {
    name: 'st${resourceToken}'
    location: location
    tags: tags
    allowBlobPublicAccess: false
    allowSharedKeyAccess: false // identity only: no account keys, no SAS
    dnsEndpointType: 'Standard'
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      defaultAction: 'Allow'
      bypass: 'AzureServices'
    }
    blobServices: {
      containers: [
        {
          name: deploymentContainerName
        }
      ]
    }
    minimumTlsVersion: 'TLS1_2'
  }
}

module logAnalytics 'br/public:avm/res/operational-insights/workspace:0.11.1' = {
  name: 'logAnalytics'
  scope: rg
  params: {
    name: 'log-${resourceToken}'
    location: location
    tags: tags
    dataRetention: 30
  }
}

module monitoring 'br/public:avm/res/insights/component:0.6.0' = {
  name: 'monitoring'
  scope: rg
  params: {
    name: 'appi-${resourceToken}'
    location: location
    tags: tags
    workspaceResourceId: logAnalytics.outputs.resourceId
    disableLocalAuth: true // telemetry only with an Entra token (APPLICATIONINSIGHTS_AUTHENTICATION_STRING)
  }
}

module rbac 'app/rbac.bicep' = {
  name: 'rbac'
  scope: rg
  params: {
    storageAccountName: storage.outputs.name
    appInsightsName: monitoring.outputs.name
    appPrincipalId: apiIdentity.outputs.principalId
    userPrincipalId: principalId
    userPrincipalType: principalType
  }
}

module scheduler 'app/dts.bicep' = if (useScheduler) {
  name: 'durableTaskScheduler'
  scope: rg
  params: {
    name: 'dts-${resourceToken}'
    location: durableTaskSchedulerLocation
    tags: tags
    skuName: durableTaskSchedulerSku
    taskHubName: taskHubName
    appPrincipalId: apiIdentity.outputs.principalId
    userPrincipalId: principalId
    userPrincipalType: principalType
  }
}

// The storefront: created before the app, whose CORS and authentication name its host; linked after.
module web 'app/web.bicep' = {
  name: 'web'
  scope: rg
  params: {
    name: 'stapp-${resourceToken}'
    location: staticWebAppLocation
    tags: tags
  }
}

module api 'app/api.bicep' = {
  name: 'api'
  scope: rg
  params: {
    name: functionAppName
    location: location
    tags: tags
    appServicePlanId: plan.outputs.resourceId
    identityId: apiIdentity.outputs.resourceId
    identityClientId: apiIdentity.outputs.clientId
    storageAccountName: storage.outputs.name
    deploymentContainerName: deploymentContainerName
    applicationInsightsName: monitoring.outputs.name
    instanceMemoryMB: instanceMemoryMB
    maximumInstanceCount: maximumInstanceCount
    alwaysReadyHttp: alwaysReadyHttp
    alwaysReadyDurable: alwaysReadyDurable
    durableBackend: durableBackend
    durableTaskSchedulerEndpoint: useScheduler ? scheduler.outputs.endpoint : ''
    taskHubName: taskHubName
    storeRequireAuth: storeRequireAuth
    seedSampleCatalog: seedSampleCatalog
    storeWriteDeadlineMs: storeWriteDeadlineMs
    historyRetentionDays: historyRetentionDays
    historyPurgeSchedule: historyPurgeSchedule
    staticWebAppHostname: web.outputs.defaultHostname
    corsAllowedOrigins: corsAllowedOrigins
    entraClientId: entraClientId
  }
  dependsOn: [
    rbac // the host starts with its storage roles in place
  ]
}

module webLink 'app/web-link.bicep' = {
  name: 'webLink'
  scope: rg
  params: {
    staticWebAppName: web.outputs.name
    backendResourceId: api.outputs.resourceId
    backendLocation: location
  }
}

output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = rg.name
output SERVICE_API_NAME string = api.outputs.name
output SERVICE_API_URI string = api.outputs.uri
output SERVICE_WEB_NAME string = web.outputs.name
output SERVICE_WEB_URI string = 'https://${web.outputs.defaultHostname}'
output DURABLE_BACKEND string = durableBackend
