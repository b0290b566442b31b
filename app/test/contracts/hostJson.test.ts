// host.json settings the code relies on: the route prefix that relative Locations start with, and the
// Azure Storage queue polling bound the write deadline is sized for (README "Writes").
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROUTE_PREFIX } from '../../src/functions/http/writes';
import { DEFAULT_WRITE_DEADLINE_MS } from '../../src/settings';

const hostJson = JSON.parse(readFileSync(path.resolve(__dirname, '../../host.json'), 'utf8'));

describe('host.json', () => {
  it('has the route prefix that Location headers start with', () => {
    expect(hostJson.extensions.http.routePrefix).toBe(ROUTE_PREFIX);
  });

  it('bounds Azure Storage queue polling explicitly, well inside the write deadline', () => {
    const interval = hostJson.extensions.durableTask.storageProvider.maxQueuePollingInterval as string;
    const [h, m, s] = interval.split(':').map(Number) as [number, number, number];
    const ms = ((h * 60 + m) * 60 + s) * 1000;
    expect(ms).toBeGreaterThan(0);
    expect(ms).toBeLessThan(30_000); // the provider's default, which the write deadline could not absorb
    expect(ms * 10).toBeLessThanOrEqual(DEFAULT_WRITE_DEADLINE_MS); // a checkout is about ten queue hops
  });
});
