// The Functions app on Flex Consumption: Node 22, always-ready instances for the http and durable groups,
// identity-based storage and monitoring, every setting the app reads, CORS for the storefront, and App
// Service Authentication in front of the customer routes (README "Deploy to Azure").
// The site is declared directly (not through the AVM web/site module) so that its Flex Consumption
// configuration, authsettingsV2 and app settings are spelled out with the resource provider's own names.
param name string
param location string
param tags object = {}
param appServicePlanId string
param identityId string
param identityClientId string
param storageAccountName string
param deploymentContainerName string
param applicationInsightsName string
param instanceMemoryMB int
param maximumInstanceCount int
param alwaysReadyHttp int
param alwaysReadyDurable int
@allowed([
  'AzureStorage'
  'DurableTaskScheduler'
])
param durableBackend string
param durableTaskSchedulerEndpoint string = ''
param taskHubName string
param storeRequireAuth bool
param seedSampleCatalog bool
param storeWriteDeadlineMs int
param historyRetentionDays int
param historyPurgeSchedule string
param staticWebAppHostname string
param corsAllowedOrigins array = []
param entraClientId string = ''

resource storageAccount 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: storageAccountName
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

// Settings the app itself reads (app/src; README "Settings" of app/README.md lists each).
var storeSettings = {
  STORE_REQUIRE_AUTH: storeRequireAuth ? 'true' : 'false'
  STORE_SEED_SAMPLE_CATALOG: seedSampleCatalog ? 'true' : 'false'
  STORE_WRITE_DEADLINE_MS: string(storeWriteDeadlineMs)
  STORE_HISTORY_RETENTION_DAYS: string(historyRetentionDays)
  STORE_HISTORY_PURGE_SCHEDULE: historyPurgeSchedule
  TaskHubName: taskHubName
}

// Host storage (AzureWebJobsStorage) through the app's user-assigned identity: no key, no connection string.
// Blob for the host's leases, keys, timers and the deployment; queue and table for the Azure Storage durable
// backend (the roles in rbac.bicep match).
var hostStorageSettings = {
  AzureWebJobsStorage__credential: 'managedidentity'
  AzureWebJobsStorage__clientId: identityClientId
  AzureWebJobsStorage__blobServiceUri: storageAccount.properties.primaryEndpoints.blob
  AzureWebJobsStorage__queueServiceUri: storageAccount.properties.primaryEndpoints.queue
  AzureWebJobsStorage__tableServiceUri: storageAccount.properties.primaryEndpoints.table
}

// Application Insights with local authentication off: the SDK gets an Entra token for the identity.
var monitoringSettings = {
  APPLICATIONINSIGHTS_CONNECTION_STRING: applicationInsights.properties.ConnectionString
  APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identityClientId};Authorization=AAD'
}

// The Durable Task Scheduler backend with the one package: host.json names no storage provider (the
// default is Azure Storage), and these host.json overrides (AzureFunctionsJobHost__<path>) switch it to
// azureManaged with the scheduler's connection (identity-based, no secret).
var schedulerSettings = durableBackend == 'DurableTaskScheduler' ? {
  AzureFunctionsJobHost__extensions__durableTask__storageProvider__type: 'azureManaged'
  AzureFunctionsJobHost__extensions__durableTask__storageProvider__connectionStringName: 'DURABLE_TASK_SCHEDULER_CONNECTION_STRING'
  DURABLE_TASK_SCHEDULER_CONNECTION_STRING: 'Endpoint=${durableTaskSchedulerEndpoint};Authentication=ManagedIdentity;ClientID=${identityClientId}'
} : {}

// Flex Consumption sets the runtime in functionAppConfig: FUNCTIONS_WORKER_RUNTIME, FUNCTIONS_EXTENSION_VERSION
// and WEBSITE_NODE_DEFAULT_VERSION are not app settings on this plan.
var appSettings = union(storeSettings, hostStorageSettings, monitoringSettings, schedulerSettings)

// Paths that answer without signing in. App Service Authentication matches paths, not methods: everything
// under /api/store is either a public read (the catalog, one product) or an admin write guarded by a
// function key (authLevel function), so the whole subtree is excluded; the customer routes (/api/user/...)
// and the durable webhooks are not.
var publicPaths = [
  '/api/store'
  '/api/store/*'
  '/api/docs'
  '/api/docs/*'
  '/api/openapi.json'
]

var storefrontOrigin = 'https://${staticWebAppHostname}'

var alwaysReadyGroups = [
  {
    name: 'http'
    instanceCount: alwaysReadyHttp
  }
  {
    name: 'durable'
    instanceCount: alwaysReadyDurable
  }
]
// a group with 0 instances is left out (it scales from zero like any other)
var alwaysReady = filter(alwaysReadyGroups, group => group.instanceCount > 0)

resource functionApp 'Microsoft.Web/sites@2024-04-01' = {
  name: name
  location: location
  tags: union(tags, { 'azd-service-name': 'api' })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: appServicePlanId
    httpsOnly: true
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      cors: {
        allowedOrigins: union([storefrontOrigin], corsAllowedOrigins)
        supportCredentials: false
      }
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storageAccount.properties.primaryEndpoints.blob}${deploymentContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        instanceMemoryMB: instanceMemoryMB
        maximumInstanceCount: maximumInstanceCount
        alwaysReady: alwaysReady
      }
      runtime: {
        name: 'node'
        version: '22'
      }
    }
  }
}

resource functionAppSettings 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: functionApp
  name: 'appsettings'
  properties: appSettings
}

// No publishing with user names and passwords: azd deploys with the deployer's Entra token.
resource scmBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: functionApp
  name: 'scm'
  properties: {
    allow: false
  }
}

resource ftpBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: functionApp
  name: 'ftp'
  properties: {
    allow: false
  }
}

// The storefront's Static Web App signs customers in and forwards their principal (provider
// azureStaticWebApps, the one the backend link uses; declared here so that a later provision keeps it).
var staticWebAppProvider = {
  azureStaticWebApps: {
    enabled: true
    registration: {
      clientId: staticWebAppHostname
    }
  }
}

// Optional: API clients with an Entra token for this app registration (README "Deploy to Azure", "Authentication").
var entraProvider = empty(entraClientId) ? {} : {
  azureActiveDirectory: {
    enabled: true
    registration: {
      clientId: entraClientId
      openIdIssuer: '${environment().authentication.loginEndpoint}${tenant().tenantId}/v2.0'
    }
    validation: {
      allowedAudiences: [
        'api://${entraClientId}'
        entraClientId
      ]
    }
  }
}

resource authSettings 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: functionApp
  name: 'authsettingsV2'
  properties: {
    platform: {
      enabled: true
    }
    globalValidation: {
      requireAuthentication: true
      unauthenticatedClientAction: 'Return401'
      excludedPaths: publicPaths
    }
    httpSettings: {
      requireHttps: true
      routes: {
        apiPrefix: '/.auth'
      }
      forwardProxy: {
        convention: 'NoProxy'
      }
    }
    identityProviders: union(staticWebAppProvider, entraProvider)
    login: {
      tokenStore: {
        enabled: false
      }
    }
  }
  dependsOn: [
    functionAppSettings
  ]
}

output name string = functionApp.name
output resourceId string = functionApp.id
output uri string = 'https://${functionApp.properties.defaultHostName}'
