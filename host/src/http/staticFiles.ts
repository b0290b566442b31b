// --static <dir>: serves a front end beside the functions, as Azure Static Web Apps pairs one with a
// Functions API. /{routePrefix}/*, /runtime/*, /admin/* and /.auth/* stay with the host; any other GET/HEAD
// path is a file of the folder, or (for a path whose last segment has no extension) the folder's index.html,
// so a single-page app's own routes survive a reload. No directory listings, nothing outside the folder
// (symlinks included), no dotfiles.
import { createReadStream, realpathSync, type Stats } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { sendError } from './errors.js';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.webmanifest': 'application/manifest+json',
  '.wasm': 'application/wasm',
};

/** The page's own policy: scripts, styles and API calls only from this origin; no framing. */
const HTML_SECURITY_HEADERS: Record<string, string> = {
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'",
  'x-frame-options': 'DENY',
  'referrer-policy': 'same-origin',
};

export function contentTypeOf(filePath: string): string {
  return CONTENT_TYPES[path.extname(filePath).toLowerCase()] ?? 'application/octet-stream';
}

export class StaticFiles {
  readonly #root: string;
  readonly #reserved: string[];

  /**
   * @param root the folder (must exist; resolved through symlinks once)
   * @param routePrefix the app's HTTP route prefix (host.json), whose paths stay with the functions
   */
  constructor(root: string, routePrefix: string) {
    this.#root = realpathSync(root);
    this.#reserved = ['runtime', 'admin', '.auth', ...(routePrefix ? [routePrefix.split('/')[0]!.toLowerCase()] : [])];
  }

  /** True when the path belongs to the host or the functions, never to the static folder. */
  isReserved(pathname: string): boolean {
    const first = (pathname.split('/')[1] ?? '').toLowerCase();
    return this.#reserved.includes(first);
  }

  /** Answers a GET/HEAD for a non-reserved path; returns false when the request is not for the folder. */
  async handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    let relative: string;
    try {
      relative = decodeURIComponent(url.pathname);
    } catch {
      return false; // the host answers broken percent-encoding itself
    }
    if (this.isReserved(url.pathname) || this.isReserved(relative)) return false;
    req.resume();
    const segments = relative.split(/[/\\]/).filter((s) => s !== '');
    if (relative.includes('\0') || segments.some((s) => s === '..' || s.startsWith('.'))) {
      sendError(res, 404, 'Not found.');
      return true;
    }
    const file = await this.#existingFile(path.join(this.#root, ...segments));
    if (file) {
      await this.#send(req, res, file.path, file.stats, segments[0] === 'assets');
      return true;
    }
    const last = segments.at(-1) ?? '';
    if (path.extname(last) !== '') {
      // A missing asset is a 404, not the page: a script tag must never receive HTML.
      sendError(res, 404, `No file ${url.pathname} in the static folder.`);
      return true;
    }
    const index = await this.#existingFile(path.join(this.#root, 'index.html'));
    if (!index) {
      sendError(res, 404, 'The static folder has no index.html.');
      return true;
    }
    await this.#send(req, res, index.path, index.stats, false);
    return true;
  }

  /** The regular file at `candidate` if it exists and, symlinks resolved, lies inside the root. */
  async #existingFile(candidate: string): Promise<{ path: string; stats: Stats } | undefined> {
    try {
      const real = await realpath(candidate);
      if (real !== this.#root && !real.startsWith(this.#root + path.sep)) return undefined;
      const stats = await stat(real);
      return stats.isFile() ? { path: real, stats } : undefined;
    } catch {
      return undefined;
    }
  }

  async #send(req: IncomingMessage, res: ServerResponse, file: string, stats: Stats, hashedAsset: boolean): Promise<void> {
    const type = contentTypeOf(file);
    res.statusCode = 200;
    res.setHeader('content-type', type);
    res.setHeader('content-length', stats.size);
    res.setHeader('x-content-type-options', 'nosniff');
    // Vite puts content-hashed files under assets/: they never change. Everything else is revalidated.
    res.setHeader('cache-control', hashedAsset ? 'public, max-age=31536000, immutable' : 'no-cache');
    res.setHeader('last-modified', stats.mtime.toUTCString());
    if (type.startsWith('text/html')) for (const [name, value] of Object.entries(HTML_SECURITY_HEADERS)) res.setHeader(name, value);
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    try {
      await pipeline(createReadStream(file), res);
    } catch {
      res.destroy();
    }
  }
}
