// The host's own pages, answered when no function took the request (host: HomepageMiddleware.cs,
// Controllers/HostController.cs): the landing page at `/` and `GET /admin/host/status`.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sameKey, type AuthGate } from './auth.js';
import { sendError, sendJson } from './errors.js';

export const HOST_VERSION = '4.0.0-local';

const LANDING_PAGE = `<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>Your Functions app is up and running</title></head>
<body style="font-family: sans-serif; margin: 3em">
<h1>Your Functions app is up and running</h1>
<p>This is the local Functions host. Your functions are served under their routes (see the list printed at start-up).</p>
</body>
</html>
`;

export interface HostRoutesOptions {
  /** present in --enable-auth mode: admin routes then need the master key */
  auth: AuthGate | undefined;
  /** the id reported by /admin/host/status */
  hostId: string;
}

export class HostRoutes {
  constructor(private readonly options: HostRoutesOptions) {}

  /** `/` when no function serves it: the landing page, or 204 with AzureWebJobsDisableHomepage=true (any method, as the middleware). */
  landingPage(res: ServerResponse): void {
    if (String(process.env.AzureWebJobsDisableHomepage).toLowerCase() === 'true') {
      res.statusCode = 204;
      res.end();
      return;
    }
    res.statusCode = 200;
    res.setHeader('content-type', 'text/html');
    res.setHeader('content-length', Buffer.byteLength(LANDING_PAGE));
    res.end(LANDING_PAGE);
  }

  /** Serves /admin/host/status; false for any other path. Admin level: the master key when auth is enabled. */
  handleAdmin(req: IncomingMessage, res: ServerResponse, url: URL): boolean {
    if (url.pathname.replace(/\/$/, '').toLowerCase() !== '/admin/host/status') return false;
    req.resume();
    const auth = this.options.auth;
    if (auth) {
      const given = url.searchParams.get('code') ?? req.headers['x-functions-key'];
      if (typeof given !== 'string' || given === '' || !sameKey(given, auth.keys.master)) {
        sendError(res, 401, `${given ? 'The key is not valid' : 'A key is required'}: admin routes need the master key in the "code" query parameter or the x-functions-key header.`);
        return true;
      }
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      sendError(res, 405, 'Only GET is allowed on /admin/host/status.');
      return true;
    }
    sendJson(res, 200, {
      id: this.options.hostId,
      state: 'Running',
      version: HOST_VERSION,
      versionDetails: `${HOST_VERSION} (local Node host, Node ${process.version})`,
      processUptime: Math.round(performance.now()),
      functionAppContentEditingState: 'Unknown',
    });
    return true;
  }
}
