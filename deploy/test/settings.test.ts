// Every app setting the app reads is set by the Bicep (or by the platform) and documented; every app
// setting the Bicep sets is read by the app or by the platform (README "Deploy to Azure").
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../src/package.ts';
import { settingsReadByApp, settingsReadIn, settingsSetInBicep } from '../src/settings.ts';

const API_BICEP = 'infra/app/api.bicep';
const APP_README = 'app/README.md';

/** Set by the platform on Azure, read by the app: the Bicep must not set them. */
const PLATFORM_PROVIDED: Record<string, string> = {
  WEBSITE_AUTH_ENABLED: 'App Service Authentication is on (authsettingsV2 platform.enabled): principal headers are trustworthy',
  WEBSITE_SITE_NAME: 'the app name; set on Azure only, so "running on Azure"',
  WEBSITE_HOSTNAME: 'the default host name of the app',
};

/** Set by the Bicep, read by the Functions host, an extension or an SDK rather than by app code. */
const PLATFORM_CONSUMED: Record<string, string> = {
  AzureWebJobsStorage__credential: 'host storage: identity-based connection (managedidentity)',
  AzureWebJobsStorage__clientId: 'host storage: which user-assigned identity',
  AzureWebJobsStorage__blobServiceUri: 'host storage: blob endpoint (leases, keys, timers, deployment)',
  AzureWebJobsStorage__queueServiceUri: 'host storage: queue endpoint (Azure Storage durable backend)',
  AzureWebJobsStorage__tableServiceUri: 'host storage: table endpoint (Azure Storage durable backend)',
  APPLICATIONINSIGHTS_CONNECTION_STRING: 'Application Insights resource (the host sends telemetry)',
  APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'Application Insights with Entra ID: the identity that signs telemetry',
  AzureFunctionsJobHost__extensions__durableTask__storageProvider__type: 'host.json override: the durable storage provider (azureManaged)',
  AzureFunctionsJobHost__extensions__durableTask__storageProvider__connectionStringName:
    'host.json override: the setting that holds the scheduler connection',
  DURABLE_TASK_SCHEDULER_CONNECTION_STRING: 'Durable Task Scheduler endpoint and identity, read by the durable extension (named above)',
};

const read = (relative: string) => readFileSync(path.join(REPO_ROOT, relative), 'utf8');
const appReads = settingsReadByApp(path.join(REPO_ROOT, 'app'));
const readNames = new Set(appReads.uses.map((use) => use.name));
const bicepSets = settingsSetInBicep(read(API_BICEP));

describe('app settings: the app, the Bicep and the docs agree', () => {
  it('the app reads settings only by name (a computed process.env[...] cannot be checked)', () => {
    expect(appReads.dynamic.map((use) => `${use.file}: ${use.name}`)).toEqual([]);
    expect(readNames.size).toBeGreaterThan(0);
  });

  it('every setting the app reads is set in the Bicep, or provided by the platform', () => {
    const missing = appReads.uses
      .filter((use) => !bicepSets.has(use.name) && !(use.name in PLATFORM_PROVIDED))
      .map((use) => `${use.name} is read in ${use.file} but not set in ${API_BICEP} (add it to storeSettings) nor listed as platform-provided`);
    expect(missing).toEqual([]);
  });

  it('every setting the app reads (and is not the platform\'s) is documented in app/README.md', () => {
    const readme = read(APP_README);
    const undocumented = [...readNames]
      .filter((name) => !(name in PLATFORM_PROVIDED) && !readme.includes(`\`${name}\``))
      .map((name) => `${name} is read by the app but not documented in ${APP_README} (Settings table)`);
    expect(undocumented).toEqual([]);
  });

  it('every setting the Bicep sets is read by the app or consumed by the platform', () => {
    const unread = [...bicepSets]
      .filter(([name]) => !readNames.has(name) && !(name in PLATFORM_CONSUMED))
      .map(([name, variable]) => `${name} is set in ${API_BICEP} (${variable}) but nothing reads it: remove it, or list it in PLATFORM_CONSUMED with what reads it`);
    expect(unread).toEqual([]);
  });

  it('the platform lists hold no setting the Bicep lacks', () => {
    expect(Object.keys(PLATFORM_CONSUMED).filter((name) => !bicepSets.has(name)).map((name) => `${name} is listed as platform-consumed but not set in ${API_BICEP}`)).toEqual([]);
    expect(Object.keys(PLATFORM_PROVIDED).filter((name) => bicepSets.has(name)).map((name) => `${name} is provided by the platform; ${API_BICEP} must not set it`)).toEqual([]);
  });

  it('the README\'s "Deploy to Azure" names every setting the app reads that the deployment sets', () => {
    const readme = read('README.md');
    const deploy = readme.slice(readme.indexOf('## Deploy to Azure'));
    expect(readme.includes('## Deploy to Azure')).toBe(true);
    const missing = [...readNames].filter((name) => bicepSets.has(name) && !deploy.includes(name)).map((name) => `${name}: not in README.md "Deploy to Azure"`);
    expect(missing).toEqual([]);
  });
});

describe('the scanners', () => {
  it('find settings read by property, by literal index, by destructuring and as %binding% expressions', () => {
    const found = settingsReadIn(
      "const a = process.env.ALPHA; const b = process.env['BETA'] ?? process.env[\"GAMMA\"];\nconst { DELTA, EPSILON: e = '1' } = process.env;\nschedule: '%ZETA%'",
    );
    expect(found.names).toEqual(['ALPHA', 'BETA', 'DELTA', 'EPSILON', 'GAMMA', 'ZETA']);
    expect(settingsReadIn('process.env[name]').dynamic).toEqual(['process.env[name]']);
  });

  it('find env.NAME in a reader whose env parameter defaults to process.env, and not elsewhere', () => {
    expect(settingsReadIn('export function mode(env: NodeJS.ProcessEnv = process.env) { return env.ETA ?? env.THETA; }').names).toEqual(['ETA', 'THETA']);
    expect(settingsReadIn('function f(env: Record<string, string>) { return env.IOTA; }').names).toEqual([]);
  });

  it('read the keys of every `var ...Settings` object in Bicep, including a conditional one, and nothing else', () => {
    const bicep = [
      'var storeSettings = {',
      "  ONE: 'x' // a comment: NOT_A_KEY: 1",
      "  TWO: 'https://example.org/a:b'",
      '  nested: {',
      '    INNER: 1',
      '  }',
      '}',
      "var otherSettings = flag",
      '  ? {',
      "      THREE: 'y'",
      '    }',
      '  : {}',
      "var oneLineSettings = flag ? {",
      "  FIVE: 'z'",
      '} : {}',
      'var allSettings = union(storeSettings, otherSettings, oneLineSettings)',
      '',
      'var notSettingsObject = {',
      '  FOUR: 1',
      '}',
    ].join('\n');
    expect([...settingsSetInBicep(bicep).keys()]).toEqual(['ONE', 'TWO', 'nested', 'THREE', 'FIVE']);
  });
});
