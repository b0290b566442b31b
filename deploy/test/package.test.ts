// The deployment package (README "Deploy to Azure"): `npm run package` builds it; here it is built into a
// temporary file, unzipped into an empty folder outside the repository (so nothing resolves from the
// workspace's node_modules), and the local host serves the store from that folder alone.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import extract from 'extract-zip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPackage, hasSource, REPO_ROOT, zipFolder } from '../src/package.ts';
import type { Lockfile } from '../src/lockfile.ts';
import { startHostOn } from './support/host.ts';

const work = mkdtempSync(path.join(os.tmpdir(), 'contoso-package-test-'));
const zipPath = path.join(work, 'contoso-coffee-app.zip');
const unzipped = path.join(work, 'app');
const rootLock = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package-lock.json'), 'utf8')) as Lockfile;
const appManifest = JSON.parse(readFileSync(path.join(REPO_ROOT, 'app', 'package.json'), 'utf8'));
let built: Awaited<ReturnType<typeof buildPackage>>;

beforeAll(async () => {
  built = await buildPackage(zipPath, path.join(work, 'staged'));
  await extract(zipPath, { dir: unzipped });
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

const read = (relative: string) => readFileSync(path.join(unzipped, relative), 'utf8');
const json = (relative: string) => JSON.parse(read(relative));

describe('the deployment package', () => {
  it('holds host.json, a package.json for running (no devDependencies, no scripts), the built code, no maps, tests or local settings', () => {
    expect(read('host.json')).toBe(readFileSync(path.join(REPO_ROOT, 'app', 'host.json'), 'utf8'));
    const manifest = json('package.json');
    expect(manifest.main).toBe(appManifest.main);
    expect(manifest.dependencies).toEqual(appManifest.dependencies);
    expect(manifest.devDependencies).toBeUndefined();
    expect(manifest.scripts).toBeUndefined();
    expect(existsSync(path.join(unzipped, manifest.main))).toBe(true);
    for (const absent of ['local.settings.json', 'test', 'src', 'tsconfig.json', 'dist/test', `${manifest.main}.map`, 'node_modules/.bin']) {
      expect(existsSync(path.join(unzipped, absent)), absent).toBe(false);
    }
  });

  it('leaves the same files unzipped in the staging folder azure.yaml deploys (dist/api)', () => {
    const list = (dir: string): string[] =>
      readdirSync(dir, { recursive: true, withFileTypes: true })
        .filter((entry) => entry.isFile())
        .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)))
        .sort();
    expect(list(built.stageDir)).toEqual(list(unzipped));
    expect(built.files).toBe(list(unzipped).length);
  });

  it('installs exactly the versions of the repository lockfile, production dependencies only', () => {
    const lock = json('package-lock.json') as Lockfile;
    expect(lock.packages['']!.dependencies).toEqual(appManifest.dependencies);
    const installed = Object.keys(lock.packages).filter((location) => location !== '');
    expect(installed.length).toBeGreaterThan(3);
    for (const location of installed) {
      const entry = lock.packages[location]!;
      // every package comes from the root lock with the same version and integrity hash, and is on disk
      const fromRoot = rootLock.packages[location] ?? rootLock.packages[`app/${location}`];
      expect(fromRoot, location).toBeDefined();
      expect(entry.version).toBe(fromRoot!.version);
      expect(entry.integrity).toBe(fromRoot!.integrity);
      expect(json(`${location}/package.json`).version, location).toBe(entry.version);
    }
    for (const dependency of Object.keys(appManifest.dependencies)) expect(installed).toContain(`node_modules/${dependency}`);
    for (const devOnly of [...Object.keys(appManifest.devDependencies), 'vitest', 'fast-check', 'yazl']) {
      expect(existsSync(path.join(unzipped, 'node_modules', devOnly)), devOnly).toBe(false);
    }
    expect(built.bytes).toBeGreaterThan(100_000);
  });

  it('holds exactly the packages npm itself lists as the app workspace\'s production tree', () => {
    const listed = spawnSync('npm', ['ls', '--workspace', 'app', '--omit=dev', '--all', '--parseable', '--long'], { cwd: REPO_ROOT, encoding: 'utf8' });
    const fromNpm = listed.stdout
      .split('\n')
      // `path:name@version[:EXTRANEOUS]`: a package no manifest asks for (e.g. left by the `node` devDependency's
      // install script on a fresh clone) is not part of the production tree
      .filter((line) => line.trim() !== '' && !line.trim().endsWith(':EXTRANEOUS'))
      .map((line) => path.relative(REPO_ROOT, line.trim().split(':')[0]!).split(path.sep).join('/'))
      .filter((location) => /node_modules\//.test(location) && location !== `node_modules/${appManifest.name}`)
      .map((location) => location.replace(/^app\//, ''))
      .sort();
    const inLock = Object.keys((json('package-lock.json') as Lockfile).packages).filter((location) => location !== '').sort();
    expect(fromNpm.length, listed.stderr).toBeGreaterThan(3);
    expect(inLock).toEqual(fromNpm);
  });

  it('is served by the host from the unzipped folder alone', async () => {
    expect(path.relative(REPO_ROOT, unzipped).startsWith('..')).toBe(true);
    const host = await startHostOn(unzipped, { STORE_SEED_SAMPLE_CATALOG: 'true' });
    try {
      const response = await fetch(`${host.baseUrl}/api/store`);
      expect(response.status).toBe(200);
      const catalog = (await response.json()) as { id: string; price: number; availableStock: number }[];
      expect(catalog.length).toBeGreaterThan(0);
      expect(catalog.map((item) => item.id)).toContain('house-blend');
      const item = await fetch(`${host.baseUrl}/api/store/inventory/house-blend`);
      expect(item.status).toBe(200);
    } finally {
      await host.stop();
    }
  });

  it('cannot start without its node_modules (the test above relies on what the zip carries)', async () => {
    const bare = path.join(work, 'bare');
    await extract(zipPath, { dir: bare });
    rmSync(path.join(bare, 'node_modules'), { recursive: true });
    await expect(startHostOn(bare)).rejects.toThrow(/Cannot find (module|package) '(@azure\/functions|durable-functions|zod)'/);
  });
});

describe('hasSource', () => {
  it('keeps built files whose source exists, drops stale ones and everything that is not code', () => {
    const src = path.join(REPO_ROOT, 'app', 'src');
    expect(hasSource(path.join(src, 'index.js'))).toBe(true);
    expect(hasSource(path.join(src, 'functions', 'StoreGet.js'))).toBe(true);
    expect(hasSource(path.join(src, 'functions', 'RemovedLongAgo.js'))).toBe(false);
    expect(hasSource(path.join(src, 'index.js.map'))).toBe(false);
    expect(hasSource(path.join(src, 'index.d.ts'))).toBe(false);
  });
});

describe('zipFolder', () => {
  it('writes the same bytes for the same files (sorted entries, one fixed timestamp)', async () => {
    const folder = path.join(work, 'small');
    mkdirSync(path.join(folder, 'b'), { recursive: true });
    writeFileSync(path.join(folder, 'b', 'two.txt'), 'two');
    writeFileSync(path.join(folder, 'one.txt'), 'one');
    const first = path.join(work, 'first.zip');
    const second = path.join(work, 'second.zip');
    expect(await zipFolder(folder, first)).toBe(2);
    await new Promise((resolve) => setTimeout(resolve, 1100)); // a later mtime on disk must not matter
    writeFileSync(path.join(folder, 'one.txt'), 'one');
    await zipFolder(folder, second);
    expect(readFileSync(first).equals(readFileSync(second))).toBe(true);
  });
});
