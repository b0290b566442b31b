// Links the Functions app as the Static Web App's backend: the storefront's /api/* is proxied to it, same
// origin, with the signed-in customer's principal. Runs after the app's authsettingsV2 (api.bicep), which
// already names the azureStaticWebApps provider this link relies on.
param staticWebAppName string
param backendResourceId string
param backendLocation string

resource staticWebApp 'Microsoft.Web/staticSites@2024-04-01' existing = {
  name: staticWebAppName
}

resource backend 'Microsoft.Web/staticSites/linkedBackends@2024-04-01' = {
  parent: staticWebApp
  name: 'api'
  properties: {
    backendResourceId: backendResourceId
    region: backendLocation
  }
}
