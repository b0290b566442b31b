// The peer's Node process: the Restate service endpoint (HTTP/2, called by restate-server) and the HTTP front
// (HTTP/1.1, called by the load generator). Usage: main.ts --ingress http://127.0.0.1:PORT
import { createServer as createHttp2Server } from 'node:http2';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { createEndpointHandler } from '@restatedev/restate-sdk';
import { createFront } from './front.ts';
import { services } from './services.ts';

const { values } = parseArgs({ options: { ingress: { type: 'string' } } });
if (!values.ingress) throw new Error('--ingress URL is required');

const endpoint = createHttp2Server(createEndpointHandler({ services }));
const front = createFront(values.ingress);
front.keepAliveTimeout = 60_000;

const listen = (server: { listen: (port: number, host: string, done: () => void) => unknown; address: () => unknown }) =>
  new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));

const [endpointPort, frontPort] = [await listen(endpoint), await listen(front)];
console.log(`Peer endpoint http://127.0.0.1:${endpointPort} front http://127.0.0.1:${frontPort}`);

process.on('SIGTERM', () => {
  front.closeAllConnections();
  front.close();
  endpoint.close();
  process.exit(0);
});
