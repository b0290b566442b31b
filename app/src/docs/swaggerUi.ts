// The API reference at /api/docs: Swagger UI (swagger-ui-dist) over /api/openapi.json. Its assets ship
// in the app's node_modules and are served by the app itself, so the page loads nothing from a CDN and works
// offline, on the local host and on Azure (README "API reference"). Only the files named below are served.
import { readFileSync } from 'node:fs';
import path from 'node:path';

/** Swagger UI's files, by the name they are served under, and their content types. */
const VENDOR_ASSETS: Record<string, string> = {
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
  'swagger-ui.css': 'text/css; charset=utf-8',
  'favicon-32x32.png': 'image/png',
};

/**
 * Starts Swagger UI on the page. It is a file, not an inline script, so the page's Content-Security-Policy
 * allows scripts from this origin only. `validatorUrl: null` keeps Swagger UI from calling its public
 * validator; keys typed into "Authorize" are not persisted (a function key must not outlive the tab).
 */
const INIT_SCRIPT = `window.addEventListener('load', function () {
  var spec = document.getElementById('swagger-ui').getAttribute('data-spec');
  window.ui = SwaggerUIBundle({
    url: spec,
    dom_id: '#swagger-ui',
    deepLinking: true,
    validatorUrl: null,
    persistAuthorization: false,
    displayRequestDuration: true,
    defaultModelsExpandDepth: 0,
    presets: [SwaggerUIBundle.presets.apis],
  });
});
`;

export interface Asset { body: Buffer | string; contentType: string }

let vendorDir: string | undefined;
const cache = new Map<string, Asset>();

function swaggerUiDir(): string {
  // resolve the package's folder without loading its index (which would evaluate the browser bundle in Node)
  vendorDir ??= path.dirname(require.resolve('swagger-ui-dist/package.json'));
  return vendorDir;
}

/** A file of the viewer by its served name, or undefined for any other name. */
export function docsAsset(name: string): Asset | undefined {
  if (name === 'init.js') return { body: INIT_SCRIPT, contentType: 'text/javascript; charset=utf-8' };
  const contentType = Object.hasOwn(VENDOR_ASSETS, name) ? VENDOR_ASSETS[name] : undefined;
  if (!contentType) return undefined;
  let asset = cache.get(name);
  if (!asset) {
    asset = { body: readFileSync(path.join(swaggerUiDir(), name)), contentType };
    cache.set(name, asset);
  }
  return asset;
}

const escapeAttribute = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * The page for the docs route at `docsPath` (e.g. `/api/docs`): assets under `<docsPath>/assets/`, the
 * document beside it (`/api/openapi.json`), so it follows the host's route prefix.
 */
export function docsPage(docsPath: string, title: string): string {
  const base = docsPath.replace(/\/+$/, '');
  const spec = `${base.replace(/\/docs$/, '')}/openapi.json`;
  const asset = (name: string) => escapeAttribute(`${base}/assets/${name}`);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeAttribute(title)} API reference</title>
<link rel="icon" type="image/png" href="${asset('favicon-32x32.png')}">
<link rel="stylesheet" href="${asset('swagger-ui.css')}">
</head>
<body>
<main id="swagger-ui" data-spec="${escapeAttribute(spec)}"></main>
<script src="${asset('swagger-ui-bundle.js')}"></script>
<script src="${asset('init.js')}"></script>
</body>
</html>
`;
}

/** Scripts and styles from this origin only; Swagger UI sets inline styles and shows data: images. */
export const DOCS_CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";
