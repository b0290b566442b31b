// The azd template read structurally (README "Deploy to Azure"): azure.yaml, infra/*.bicep and
// main.parameters.json agree with each other and with what the issue of each resource requires. The Bicep
// is NOT compiled here (its compiler downloads a binary); `azd up` is not exercised by CI.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../src/package.ts';
import { codeOnly, localModules, outputs, params, unbalanced } from './support/bicep.ts';

const read = (relative: string) => readFileSync(path.join(REPO_ROOT, relative), 'utf8');
const bicepFiles = ['infra/main.bicep', ...readdirSync(path.join(REPO_ROOT, 'infra/app')).filter((f) => f.endsWith('.bicep')).map((f) => `infra/app/${f}`)];
const main = read('infra/main.bicep');
const api = read('infra/app/api.bicep');

describe('azure.yaml', () => {
  const azure = parseYaml(read('azure.yaml')) as {
    name: string;
    infra: { provider: string; path: string; module: string };
    services: Record<string, { project: string; language: string; host: string; dist?: string; remoteBuild?: boolean; hooks?: Record<string, Record<string, { run: string }>> }>;
  };

  it('points at infra/main.bicep', () => {
    expect(azure.infra.provider).toBe('bicep');
    expect(existsSync(path.join(REPO_ROOT, azure.infra.path, `${azure.infra.module}.bicep`))).toBe(true);
  });

  it('deploys the api from the package that `npm run package` stages (dist/api), built by a prepackage hook, no remote build', () => {
    const service = azure.services.api!;
    expect(service).toMatchObject({ project: './app', language: 'js', host: 'function', remoteBuild: false });
    expect(path.resolve(REPO_ROOT, service.project, service.dist!)).toBe(path.join(REPO_ROOT, 'dist', 'api'));
    for (const shell of ['posix', 'windows']) expect(service.hooks!.prepackage![shell]!.run).toMatch(/npm run package$/);
    expect(JSON.parse(read('package.json')).scripts.package).toMatch(/npm run package -w deploy/);
  });

  it('deploys the storefront (web/dist) to the Static Web App', () => {
    expect(azure.services.web).toMatchObject({ project: './web', language: 'js', host: 'staticwebapp', dist: 'dist' });
  });

  it('tags one resource per service with azd-service-name', () => {
    for (const service of Object.keys(azure.services)) {
      const tagged = bicepFiles.filter((file) => read(file).includes(`'azd-service-name': '${service}'`));
      expect(tagged, service).toHaveLength(1);
    }
  });
});

describe('infra/*.bicep (structure only, not compiled)', () => {
  it('has balanced brackets in every file', () => {
    for (const file of bicepFiles) expect(unbalanced(read(file)), file).toBeNull();
  });

  it('passes every local module the params it declares, and only those', () => {
    for (const file of bicepFiles) {
      for (const use of localModules(read(file))) {
        const target = path.join(path.dirname(file), use.path);
        expect(existsSync(path.join(REPO_ROOT, target)), `${file}: module ${use.symbol} → ${target}`).toBe(true);
        const declared = params(read(target));
        const unknown = use.params.filter((name) => !declared.some((p) => p.name === name));
        const missing = declared.filter((p) => !p.hasDefault && !use.params.includes(p.name)).map((p) => p.name);
        expect({ unknown, missing }, `${file}: module ${use.symbol}`).toEqual({ unknown: [], missing: [] });
        // outputs read from the module exist
        for (const m of codeOnly(read(file)).matchAll(new RegExp(`\\b${use.symbol}\\.outputs\\.([A-Za-z_][A-Za-z0-9_]*)`, 'g'))) {
          expect(outputs(read(target)), `${file}: ${use.symbol}.outputs.${m[1]}`).toContain(m[1]);
        }
      }
    }
  });

  it('main.parameters.json maps only declared params and covers every param without a default', () => {
    const mapped = Object.keys(JSON.parse(read('infra/main.parameters.json')).parameters);
    const declared = params(main);
    expect(mapped.filter((name) => !declared.some((p) => p.name === name))).toEqual([]);
    expect(declared.filter((p) => !p.hasDefault && !mapped.includes(p.name)).map((p) => p.name)).toEqual([]);
  });

  it('outputs what azd and the README use', () => {
    expect(outputs(main)).toEqual(expect.arrayContaining(['AZURE_LOCATION', 'SERVICE_API_NAME', 'SERVICE_API_URI', 'SERVICE_WEB_URI', 'DURABLE_BACKEND']));
  });

  it('runs the app on Flex Consumption, Node 22, with always-ready http and durable groups', () => {
    expect(main).toMatch(/name: 'FC1'\s+tier: 'FlexConsumption'/);
    expect(api).toMatch(/runtime: \{\s+name: 'node'\s+version: '22'/);
    expect(api).toMatch(/name: 'http'\s+instanceCount: alwaysReadyHttp/);
    expect(api).toMatch(/name: 'durable'\s+instanceCount: alwaysReadyDurable/);
  });

  it('keeps storage and monitoring identity-only, with the app identity\'s roles', () => {
    expect(main).toMatch(/allowSharedKeyAccess: false/);
    expect(main).toMatch(/disableLocalAuth: true/);
    expect(api).toMatch(/AzureWebJobsStorage__credential: 'managedidentity'/);
    expect(api).not.toMatch(/AccountKey|listKeys\(/);
    const rbac = read('infra/app/rbac.bicep');
    for (const [role, id] of Object.entries({
      'Storage Blob Data Owner': 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b',
      'Storage Queue Data Contributor': '974c5e8b-45b9-4653-ba55-5f855dd0fb88',
      'Storage Table Data Contributor': '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3',
      'Monitoring Metrics Publisher': '3913510d-42f4-4e42-8a64-420c390055eb',
    })) {
      expect(rbac, role).toContain(id);
    }
  });

  it('puts App Service Authentication in front of everything but the public paths, answering 401', () => {
    expect(api).toMatch(/requireAuthentication: true/);
    expect(api).toMatch(/unauthenticatedClientAction: 'Return401'/);
    for (const publicPath of ["'/api/store'", "'/api/store/*'", "'/api/docs'", "'/api/openapi.json'"]) expect(api).toContain(publicPath);
    expect(api).not.toMatch(/'\/api\/user/);
  });

  it('swaps in the Durable Task Scheduler on one parameter: scheduler, task hub, role, connection and the host.json override', () => {
    expect(main).toMatch(/param durableBackend string = 'AzureStorage'/);
    const dts = read('infra/app/dts.bicep');
    expect(dts).toMatch(/'Microsoft\.DurableTask\/schedulers@/);
    expect(dts).toMatch(/'Microsoft\.DurableTask\/schedulers\/taskHubs@/);
    expect(dts).toContain('0ad04412-c4d5-4796-b79c-f76d14c8d402'); // Durable Task Data Contributor
    expect(api).toMatch(/AzureFunctionsJobHost__extensions__durableTask__storageProvider__type: 'azureManaged'/);
    expect(api).toMatch(/DURABLE_TASK_SCHEDULER_CONNECTION_STRING: 'Endpoint=\$\{durableTaskSchedulerEndpoint\};Authentication=ManagedIdentity/);
    // the package's host.json must leave the provider to the override
    expect(JSON.parse(read('app/host.json')).extensions?.durableTask?.storageProvider?.type).toBeUndefined();
  });
});

describe('app/local.settings.json (committed: development values only)', () => {
  const settings = JSON.parse(read('app/local.settings.json')) as { IsEncrypted: boolean; Values: Record<string, string> };

  it('runs the open local demo against Azurite with the Node worker', () => {
    expect(settings.IsEncrypted).toBe(false);
    expect(settings.Values).toMatchObject({ FUNCTIONS_WORKER_RUNTIME: 'node', AzureWebJobsStorage: 'UseDevelopmentStorage=true', STORE_REQUIRE_AUTH: 'false' });
  });

  it('holds no secret', () => {
    for (const [name, value] of Object.entries(settings.Values)) {
      expect(value, name).not.toMatch(/AccountKey=|SharedAccessSignature=|sig=|InstrumentationKey=|ClientSecret|password/i);
    }
  });

  it('is left out of the deployment (.funcignore) and `npm run start:func -w app` runs func start', () => {
    expect(read('app/.funcignore').split('\n')).toContain('local.settings.json');
    expect(JSON.parse(read('app/package.json')).scripts['start:func']).toBe('func start');
  });
});
