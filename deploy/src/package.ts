// `npm run package` (repository root): writes dist/contoso-coffee-app.zip, the app as Azure runs it.
//
// The zip holds host.json, a package.json without devDependencies or scripts, a package-lock.json cut out of
// the workspace lockfile (src/lockfile.ts), the built code (dist/src, no source maps) and the production
// node_modules that `npm ci --omit=dev` installs from that lockfile. It is self-contained: zip deploy,
// `func azure functionapp publish --no-build` and azd (azure.yaml deploys the unzipped copy in dist/api,
// remoteBuild: false) ship it as it is.
// Entries are sorted and carry one fixed timestamp, so the same tree gives the same zip.
//
// Usage: node src/package.ts [--out <zip>]   (the root script builds the app first; the unzipped copy goes
// to the folder `api` beside the zip)
import { spawnSync } from 'node:child_process';
import { cpSync, createWriteStream, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import yazl from 'yazl';
import { standaloneLockfile, type Lockfile, type WorkspaceManifest } from './lockfile.ts';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const APP_WORKSPACE = 'app';
export const DEFAULT_ZIP = path.join(REPO_ROOT, 'dist', 'contoso-coffee-app.zip');
/** 1980-01-02: zip timestamps start in 1980; a fixed one keeps the archive reproducible. */
const FIXED_MTIME = new Date(Date.UTC(1980, 0, 2));

/** The package.json that ships: what the Functions host and npm need, nothing that builds or tests. */
export function deployedManifest(appManifest: Record<string, unknown>): WorkspaceManifest & Record<string, unknown> {
  const { name, version, description, main, type, engines, dependencies, optionalDependencies, peerDependencies } = appManifest as Record<string, never>;
  if (typeof main !== 'string') throw new Error('app/package.json has no "main": the Functions host finds the functions through it');
  return Object.fromEntries(
    Object.entries({ name, version, description, private: true, main, type, engines, dependencies, optionalDependencies, peerDependencies }).filter(([, v]) => v !== undefined),
  ) as WorkspaceManifest & Record<string, unknown>;
}

function run(command: string, args: string[], cwd: string): void {
  const result = spawnSync(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} failed in ${cwd} (${result.status ?? result.signal}):\n${result.stdout}\n${result.stderr}`);
  }
}

/** Every file under `dir`, as paths relative to it with '/' separators, sorted; a symlink is an error. */
function listFiles(dir: string, relative = ''): string[] {
  const files: string[] = [];
  for (const name of readdirSync(path.join(dir, relative)).sort()) {
    const rel = relative ? `${relative}/${name}` : name;
    const stat = lstatSync(path.join(dir, rel));
    if (stat.isSymbolicLink()) throw new Error(`${rel} is a symbolic link; zip deploy does not keep links`);
    if (stat.isDirectory()) files.push(...listFiles(dir, rel));
    else if (stat.isFile()) files.push(rel);
  }
  return files;
}

/** Whether the built file `<app>/src/x.js` (as a path under src) comes from a source file that still exists. */
export function hasSource(builtAsSource: string): boolean {
  const match = /\.(c|m)?js$/.exec(builtAsSource);
  if (!match) return false; // maps, declarations, anything else tsc or a tool left there
  const base = builtAsSource.slice(0, -match[0].length);
  const flavour = match[1] ?? '';
  return [`.${flavour}ts`, `.${flavour}js`, ...(flavour ? [] : ['.tsx', '.jsx'])].some((extension) => existsSync(base + extension));
}

/** Copies the app into a fresh staging folder and installs its production dependencies there. */
export function stageApp(stagingDir: string, repoRoot = REPO_ROOT): void {
  const appDir = path.join(repoRoot, APP_WORKSPACE);
  const appManifest = JSON.parse(readFileSync(path.join(appDir, 'package.json'), 'utf8')) as Record<string, unknown>;
  const manifest = deployedManifest(appManifest);
  const mainFile = path.join(appDir, manifest.main as string);
  if (!existsSync(mainFile)) throw new Error(`${path.relative(repoRoot, mainFile)} is missing: build the app first (npm run build -w app)`);

  const rootLock = JSON.parse(readFileSync(path.join(repoRoot, 'package-lock.json'), 'utf8')) as Lockfile;
  const lock = standaloneLockfile(rootLock, APP_WORKSPACE, manifest);

  cpSync(path.join(appDir, 'host.json'), path.join(stagingDir, 'host.json'));
  // Built code whose source still exists: tsc never deletes the output of a removed source file, and a stale
  // function file would still register on Azure. No source maps.
  const builtDir = path.join(appDir, 'dist', 'src');
  cpSync(builtDir, path.join(stagingDir, 'dist', 'src'), {
    recursive: true,
    filter: (source) => lstatSync(source).isDirectory() || hasSource(path.join(appDir, 'src', path.relative(builtDir, source))),
  });
  writeFileSync(path.join(stagingDir, 'package.json'), JSON.stringify(manifest, null, 2) + '\n');
  writeFileSync(path.join(stagingDir, 'package-lock.json'), JSON.stringify(lock, null, 2) + '\n');
  // From the lockfile only (fails if it does not match package.json); no bin links (symlinks), no audit.
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  run(npm, ['ci', '--omit=dev', '--no-bin-links', '--no-audit', '--no-fund', '--loglevel=error'], stagingDir);
  // npm's record of what it installed, a copy of package-lock.json: not part of the app
  rmSync(path.join(stagingDir, 'node_modules', '.package-lock.json'), { force: true });
}

/** Zips the staged folder; resolves with the number of files written. */
export function zipFolder(stagingDir: string, zipPath: string): Promise<number> {
  const files = listFiles(stagingDir);
  mkdirSync(path.dirname(zipPath), { recursive: true });
  const zip = new yazl.ZipFile();
  for (const rel of files) {
    const executable = (lstatSync(path.join(stagingDir, rel)).mode & 0o111) !== 0;
    zip.addFile(path.join(stagingDir, rel), rel, { mtime: FIXED_MTIME, mode: executable ? 0o100755 : 0o100644 });
  }
  return new Promise((resolve, reject) => {
    const out = createWriteStream(zipPath);
    out.on('error', reject);
    out.on('close', () => resolve(files.length));
    zip.outputStream.on('error', reject).pipe(out);
    zip.end();
  });
}

/**
 * Stages the package in `stageDir` (emptied first; azure.yaml deploys dist/api from there) and zips it to
 * `zipPath` (zip deploy, `func azure functionapp publish --no-build`).
 */
export async function buildPackage(
  zipPath = DEFAULT_ZIP,
  stageDir = path.join(path.dirname(zipPath), 'api'),
  repoRoot = REPO_ROOT,
): Promise<{ zipPath: string; stageDir: string; files: number; bytes: number }> {
  rmSync(stageDir, { recursive: true, force: true });
  mkdirSync(stageDir, { recursive: true });
  stageApp(stageDir, repoRoot);
  rmSync(zipPath, { force: true });
  const files = await zipFolder(stageDir, zipPath);
  return { zipPath, stageDir, files, bytes: lstatSync(zipPath).size };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const outAt = process.argv.indexOf('--out');
  const zipPath = outAt > 0 && process.argv[outAt + 1] ? path.resolve(process.argv[outAt + 1]!) : DEFAULT_ZIP;
  const started = Date.now();
  buildPackage(zipPath).then(
    ({ files, bytes }) => {
      console.log(`${path.relative(REPO_ROOT, zipPath)}: ${files} files, ${(bytes / 1024 / 1024).toFixed(1)} MiB, in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    },
    (error: unknown) => {
      console.error(`package: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    },
  );
}
