// A broken app stops the host at start with exit code 1 and one "Error: " line naming the file or function.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixture, runHostToExit } from '../support/spawnHost.js';

async function expectStartFailure(name: string, pattern: RegExp, nodeArgs?: string[]) {
  const result = await runHostToExit(fixture(name), { nodeArgs });
  expect(result.code).toBe(1);
  const errorLines = result.stderr.split('\n').filter((line) => line.startsWith('Error: '));
  expect(errorLines).toHaveLength(1);
  expect(errorLines[0]).toMatch(pattern);
  expect(result.stderr).not.toMatch(/^\s+at /m); // no stack of internals
  expect(result.stdout).not.toContain('Host listening on');
}

describe('start-up errors', () => {
  it('syntax error: names the file and line that does not parse', async () => {
    await expectStartFailure(
      'broken-syntax',
      new RegExp(`^Error: Failed to load app file .*index\\.js: SyntaxError: .*\\(at ${path.join(fixture('broken-syntax'), 'functions', 'bad.js').replace(/[.\\/]/g, '\\$&')}:2\\)`),
    );
  });

  it('syntax error in an ES module: names the file and line too', async () => {
    await expectStartFailure('broken-esm-syntax', /^Error: Failed to load app file .*index\.js: SyntaxError: .*\(at .*broken-esm-syntax[\\/]src[\\/]price\.js:2\)$/);
  });

  it('main glob that matches nothing (app not built)', async () => {
    await expectStartFailure('broken-missing-main', /^Error: Found zero files matching the "main" pattern "dist\/src\/functions\/\*\.js" of .*broken-missing-main[\\/]package\.json/);
  });

  it('main file that does not exist', async () => {
    await expectStartFailure('broken-missing-file', /^Error: The "main" file .*broken-missing-file[\\/]dist[\\/]src[\\/]index\.js of .*package\.json does not exist \(is the app built\?\)/);
  });

  it('package.json without main', async () => {
    await expectStartFailure('broken-no-main', /^Error: .*broken-no-main[\\/]package\.json has no "main"/);
  });

  it('missing app folder', async () => {
    await expectStartFailure('does-not-exist', /^Error: app folder .*does-not-exist does not exist/);
  });

  it('duplicate function name', async () => {
    await expectStartFailure('broken-duplicate', /^Error: A function with the name "GetThing" has already been registered\. \(while loading .*index\.js\)/);
  });

  it('HTTP streaming is refused instead of hanging', async () => {
    await expectStartFailure('broken-streaming', /^Error: The app enables HTTP streaming/);
  });

  it('invalid route template names the function', async () => {
    await expectStartFailure('broken-route', /^Error: Function "BadRoute": invalid route "things\/\{id:notaconstraint\}": unknown route constraint/);
  });

  it('@azure/functions used before the core module exists ("test mode") is detected', async () => {
    await expectStartFailure('broken-late-injection', /^Error: @azure\/functions registered nothing .*test mode/, [
      '--require',
      path.join(fixture('broken-late-injection'), 'preload.cjs'),
    ]);
  });
});
