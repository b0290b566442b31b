// Functions with triggers or bindings the host does not implement do not stop the app: they are listed
// once at start, all together, each with its reason, and are not served; every other function runs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture, startHost, type RunningHost } from '../support/spawnHost.js';

let host: RunningHost;
beforeAll(async () => {
  host = await startHost(fixture('unsupported-bindings'));
});
afterAll(async () => {
  await host?.stop();
});

/** the lines of stdout without their timestamps */
const lines = () => host.stdout().split('\n').map((line) => line.replace(/^\[[^\]]+\] /, ''));

describe('unsupported triggers and bindings', () => {
  it('lists every unsupported function once, together, with its reason, before the ready line', () => {
    const out = lines();
    const header = out.findIndex((line) => line.startsWith('Not run ('));
    expect(header).toBeGreaterThan(-1);
    expect(out.filter((line) => line.startsWith('Not run ('))).toHaveLength(1);
    expect(out[header]).toBe('Not run (12: this host does not implement their triggers or bindings):');
    expect(out.slice(header + 1, header + 13)).toEqual([
      '  BlobWatcher: trigger "blobTrigger" is not supported by this host',
      '  BusWorker: trigger "serviceBusTrigger" is not supported by this host',
      '  FeedReader: trigger "cosmosDBTrigger" is not supported by this host',
      '  HubReader: trigger "eventHubTrigger" is not supported by this host',
      '  KafkaReader: trigger "kafkaTrigger" is not supported by this host',
      '  McpTool: trigger "mcpToolTrigger" is not supported by this host',
      '  QueueWorker: trigger "queueTrigger" is not supported by this host',
      '  SendsSms: output binding "twilioSms" is not supported by this host',
      '  SqlChanges: trigger "sqlTrigger" is not supported by this host',
      '  TickToSignalR: output binding "signalR" is not supported by this host',
      '  WithBlobInput: input binding "blob" is not supported by this host',
      '  WithQueueAndTableOutputs: output binding "queue" is not supported by this host; output binding "table" is not supported by this host',
    ]);
    expect(header).toBeLessThan(out.findIndex((line) => line.startsWith('Host listening on')));
    expect(host.stderr()).toBe('');
  });

  it('lists only the functions it runs under "Functions:"', () => {
    const out = lines();
    const start = out.indexOf('Functions:');
    expect(out.slice(start + 1, start + 3)).toEqual([
      `  Hello: [GET] ${host.url}/api/hello`,
      expect.stringMatching(/^ {2}Tick: timerTrigger \(Cron: '0 0 0 1 1 \*' in UTC, next \d{4}-01-01T00:00:00\.000Z\)$/),
    ]);
    expect(out[start + 3]).toMatch(/^Not run/);
  });

  it('serves the supported functions and not the others', async () => {
    const hello = await fetch(`${host.url}/api/hello`);
    expect(hello.status).toBe(200);
    expect(await hello.text()).toBe('hello');
    for (const path of ['/api/with-blob', '/api/with-outputs', '/api/sms']) {
      const res = await fetch(`${host.url}${path}`, { method: path === '/api/with-blob' ? 'GET' : 'POST' });
      expect(res.status, path).toBe(404);
      await res.arrayBuffer();
    }
  });
});
