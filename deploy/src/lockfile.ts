// A standalone package-lock.json for one workspace, cut out of the repository's workspace lockfile.
//
// npm workspaces keep one lockfile at the root and hoist dependencies to the root node_modules, so the app's
// folder alone has neither. The deployment package needs both: `npm ci --omit=dev` against this lockfile
// installs exactly the versions (and integrity hashes) the repository was tested with, nothing resolved anew.
//
// How: resolve every production dependency of the workspace the way Node does in the workspace tree
// (`<ws>/node_modules/x`, then `node_modules/x`), collect that closure, and move it under the new root
// (`<ws>/node_modules/x` → `node_modules/x`; hoisted `node_modules/x` stays). Then check that Node's resolution
// in the new tree finds, for every edge, the same package it found in the workspace tree; if a hoisted
// package and a workspace-nested one of the same name would collide, say so instead of guessing.

/** One entry of a v2/v3 lockfile's `packages` map (only the fields this module reads or keeps). */
export interface LockEntry {
  version?: string;
  resolved?: string;
  integrity?: string;
  link?: boolean;
  dev?: boolean;
  optional?: boolean;
  devOptional?: boolean;
  peer?: boolean;
  license?: string;
  engines?: Record<string, string>;
  os?: string[];
  cpu?: string[];
  bin?: Record<string, string>;
  hasInstallScript?: boolean;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
  [key: string]: unknown;
}

export interface Lockfile {
  name?: string;
  version?: string;
  lockfileVersion: number;
  requires?: boolean;
  packages: Record<string, LockEntry>;
}

export interface WorkspaceManifest {
  name: string;
  version?: string;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
}

/** The names a package needs at run time: dependencies, optional ones, and non-optional peers. */
function runtimeEdges(entry: Pick<LockEntry, 'dependencies' | 'optionalDependencies' | 'peerDependencies' | 'peerDependenciesMeta'>): { name: string; optional: boolean }[] {
  const edges = new Map<string, boolean>();
  for (const name of Object.keys(entry.dependencies ?? {})) edges.set(name, false);
  for (const name of Object.keys(entry.optionalDependencies ?? {})) edges.set(name, true);
  for (const name of Object.keys(entry.peerDependencies ?? {})) {
    if (!edges.has(name)) edges.set(name, entry.peerDependenciesMeta?.[name]?.optional === true);
  }
  return [...edges].map(([name, optional]) => ({ name, optional }));
}

/** Node's lookup from the package at `location` ('' is the root): its own node_modules, then each parent's. */
export function resolveFrom(packages: Record<string, unknown>, location: string, name: string): string | undefined {
  let base = location;
  for (;;) {
    const candidate = base === '' ? `node_modules/${name}` : `${base}/node_modules/${name}`;
    if (candidate in packages) return candidate;
    if (base === '') return undefined;
    const cut = base.lastIndexOf('/node_modules/');
    // `app/node_modules/a` → `app`; `node_modules/a` → ''; a workspace folder `app` → ''
    base = cut >= 0 ? base.slice(0, cut) : base.startsWith('node_modules/') ? '' : base.includes('/') ? base.slice(0, base.lastIndexOf('/')) : '';
  }
}

/**
 * The lockfile of `workspace` (its folder in the repository, e.g. "app") as a standalone project with only its
 * production dependencies. `manifest` is the package.json the package will ship (no devDependencies).
 */
export function standaloneLockfile(root: Lockfile, workspace: string, manifest: WorkspaceManifest): Lockfile {
  if (root.lockfileVersion < 2) throw new Error(`lockfileVersion ${root.lockfileVersion} has no "packages" map; run npm install with npm 7 or later`);
  const packages = root.packages;
  if (!(workspace in packages)) throw new Error(`the lockfile has no workspace "${workspace}"; run npm install at the repository root`);

  // 1. the closure, by Node's resolution in the workspace tree
  const closure = new Map<string, Map<string, string>>(); // source location → (dependency name → source location)
  const rootEdges = new Map<string, string>();
  const queue: string[] = [];
  const visit = (from: string, edges: { name: string; optional: boolean }[], into: Map<string, string>) => {
    for (const { name, optional } of edges) {
      const found = resolveFrom(packages, from, name);
      if (found === undefined) {
        if (optional) continue; // an optional dependency npm did not install (another platform)
        throw new Error(`"${name}", needed by ${from || 'the root'}, is not in the lockfile; run npm install at the repository root`);
      }
      if (packages[found]!.link) throw new Error(`"${name}" (needed by ${from}) is a workspace link (${found}); a deployment package cannot hold another workspace`);
      into.set(name, found);
      if (!closure.has(found)) {
        closure.set(found, new Map());
        queue.push(found);
      }
    }
  };
  visit(workspace, runtimeEdges(manifest), rootEdges);
  while (queue.length > 0) {
    const location = queue.shift()!;
    visit(location, runtimeEdges(packages[location]!), closure.get(location)!);
  }

  // 2. the new locations
  const prefix = `${workspace}/`;
  const moved = new Map<string, string>(); // source → target
  const taken = new Map<string, string>(); // target → source
  for (const source of closure.keys()) {
    const target = source.startsWith(prefix) ? source.slice(prefix.length) : source;
    const other = taken.get(target);
    if (other !== undefined) {
      throw new Error(`${other} and ${source} would both become ${target} in the package: two versions of one dependency; align them in the workspace's package.json`);
    }
    taken.set(target, source);
    moved.set(source, target);
  }

  // 3. Node resolves every edge to the same package in the new tree
  const next: Record<string, LockEntry> = {};
  next[''] = {
    name: manifest.name,
    version: manifest.version,
    ...(manifest.dependencies && { dependencies: manifest.dependencies }),
    ...(manifest.optionalDependencies && { optionalDependencies: manifest.optionalDependencies }),
    ...(manifest.peerDependencies && { peerDependencies: manifest.peerDependencies }),
  };
  for (const source of [...closure.keys()].sort()) {
    const { dev, devOptional, peer, ...entry } = packages[source]!;
    void dev;
    void devOptional;
    void peer;
    next[moved.get(source)!] = entry;
  }
  const check = (from: string, edges: Map<string, string>) => {
    for (const [name, source] of edges) {
      const found = resolveFrom(next, from, name);
      if (found !== moved.get(source)) {
        throw new Error(`in the package, ${from || 'the root'} would load "${name}" from ${found ?? 'nowhere'} instead of ${moved.get(source)} (${source} in the repository)`);
      }
    }
  };
  check('', rootEdges);
  for (const [source, edges] of closure) check(moved.get(source)!, edges);

  return { name: manifest.name, version: manifest.version, lockfileVersion: 3, requires: true, packages: next };
}
