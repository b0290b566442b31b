// The durable API without a key, for the app's own DurableClient in --enable-auth mode: a loopback listener
// on a port of its own, as the extension's LocalHttpListener (127.0.0.1:17071) on Azure. The public webhooks
// on the host's port need the system key; the client binding's rpcBaseUrl points here (README "Keys and sign-in").
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sendError } from '../../http/errors.js';

export interface RpcListener {
  /** e.g. http://127.0.0.1:40123 */
  origin: string;
  close(): Promise<void>;
}

export async function startRpcListener(handle: (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<boolean>): Promise<RpcListener> {
  const server = http.createServer({ keepAlive: true }, (req, res) => {
    const url = new URL(req.url ?? '/', `http://${req.headers.host || '127.0.0.1'}`);
    handle(req, res, url)
      .then((served) => {
        if (!served) {
          req.resume();
          sendError(res, 404, 'Only the durable client API is served here.');
        }
      })
      .catch((error: unknown) => {
        if (!res.headersSent) sendError(res, 500, `durable API failure: ${(error as Error)?.message ?? String(error)}`);
        else res.destroy();
      });
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
