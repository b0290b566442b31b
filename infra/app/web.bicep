// The storefront's Static Web App. Standard SKU: linking a Functions app as its /api backend
// (web-link.bicep) needs it. Customers sign in here (/.auth/login/aad, the built-in Entra ID provider)
// and the Static Web App forwards their principal to the API.
param name string
param location string
param tags object = {}

resource staticWebApp 'Microsoft.Web/staticSites@2024-04-01' = {
  name: name
  location: location
  tags: union(tags, { 'azd-service-name': 'web' })
  sku: {
    name: 'Standard'
    tier: 'Standard'
  }
  properties: {
    provider: 'Custom' // deployed by azd, not by a generated GitHub workflow
    allowConfigFileUpdates: true
    stagingEnvironmentPolicy: 'Disabled'
    buildProperties: {
      skipGithubActionWorkflowGeneration: true
    }
  }
}

output name string = staticWebApp.name
output defaultHostname string = staticWebApp.properties.defaultHostname
