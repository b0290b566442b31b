// The standalone lockfile cut out of the workspace lockfile (src/lockfile.ts), on small hand-made trees.
import { describe, expect, it } from 'vitest';
import { resolveFrom, standaloneLockfile, type Lockfile } from '../src/lockfile.ts';

const entry = (version: string, dependencies?: Record<string, string>) => ({
  version,
  resolved: `https://registry.npmjs.org/x/-/x-${version}.tgz`,
  integrity: `sha512-${version}`,
  ...(dependencies && { dependencies }),
});

function workspaceLock(packages: Lockfile['packages']): Lockfile {
  return { name: 'root', lockfileVersion: 3, requires: true, packages: { '': { name: 'root' }, app: { name: 'app', version: '1.0.0' }, 'node_modules/app': { resolved: 'app', link: true }, ...packages } };
}

describe('resolveFrom', () => {
  const packages = { 'node_modules/a': {}, 'app/node_modules/a': {}, 'node_modules/b/node_modules/c': {}, 'node_modules/c': {}, 'node_modules/@s/d': {} };
  it('looks in the own node_modules first, then in each parent folder', () => {
    expect(resolveFrom(packages, 'app', 'a')).toBe('app/node_modules/a');
    expect(resolveFrom(packages, 'node_modules/b', 'a')).toBe('node_modules/a');
    expect(resolveFrom(packages, 'node_modules/b', 'c')).toBe('node_modules/b/node_modules/c');
    expect(resolveFrom(packages, 'node_modules/@s/d', 'c')).toBe('node_modules/c');
    expect(resolveFrom(packages, 'app', 'missing')).toBeUndefined();
  });
});

describe('standaloneLockfile', () => {
  const manifest = { name: 'app', version: '1.0.0', dependencies: { a: '^1.0.0' } };

  it('keeps the production closure with versions and hashes, moves workspace-nested packages to the root, drops the rest', () => {
    const lock = standaloneLockfile(
      workspaceLock({
        'node_modules/a': { ...entry('1.0.0', { b: '^2' }) },
        'node_modules/b': { ...entry('2.0.0') },
        'app/node_modules/b': { ...entry('3.0.0') }, // the app's own b is not what a loads
        'node_modules/vitest': { ...entry('5.0.0'), dev: true },
      }),
      'app',
      manifest,
    );
    expect(Object.keys(lock.packages).sort()).toEqual(['', 'node_modules/a', 'node_modules/b']);
    expect(lock.packages['node_modules/b']!.version).toBe('2.0.0');
    expect(lock.packages['node_modules/a']!.integrity).toBe('sha512-1.0.0');
    expect(lock.packages['']).toEqual({ name: 'app', version: '1.0.0', dependencies: { a: '^1.0.0' } });
  });

  it('moves a version nested under the workspace to the new root', () => {
    const lock = standaloneLockfile(workspaceLock({ 'node_modules/a': { ...entry('0.9.0') }, 'app/node_modules/a': { ...entry('1.0.0') } }), 'app', manifest);
    expect(lock.packages['node_modules/a']!.version).toBe('1.0.0');
    expect(Object.keys(lock.packages)).toHaveLength(2);
  });

  it('refuses a tree where a hoisted package would be shadowed by the workspace-nested one of the same name', () => {
    const lock = workspaceLock({
      'app/node_modules/a': { ...entry('1.0.0', { b: '^1' }) },
      'app/node_modules/b': { ...entry('1.0.0', { c: '^1' }) },
      'node_modules/c': { ...entry('1.0.0', { b: '^2' }) },
      'node_modules/b': { ...entry('2.0.0') },
    });
    expect(() => standaloneLockfile(lock, 'app', manifest)).toThrow(/node_modules\/b.*would both become node_modules\/b/);
  });

  it('names a dependency missing from the lockfile, and skips a missing optional one', () => {
    expect(() => standaloneLockfile(workspaceLock({}), 'app', manifest)).toThrow(/"a", needed by app, is not in the lockfile/);
    const lock = standaloneLockfile(workspaceLock({ 'node_modules/a': { ...entry('1.0.0'), optionalDependencies: { fsevents: '^2' } } }), 'app', manifest);
    expect(Object.keys(lock.packages)).toEqual(['', 'node_modules/a']);
  });

  it('refuses a dependency on another workspace (a link)', () => {
    const lock = workspaceLock({ 'node_modules/a': { resolved: 'lib', link: true }, lib: { version: '1.0.0' } });
    expect(() => standaloneLockfile(lock, 'app', manifest)).toThrow(/workspace link/);
  });
});
