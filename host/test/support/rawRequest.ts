// A request with exact control of the wire (repeated headers, declared lengths) where fetch would normalise.
import http from 'node:http';

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

export function rawRequest(
  url: string,
  options: { method?: string; headers?: string[] | http.OutgoingHttpHeaders; body?: Buffer | string } = {},
): Promise<RawResponse> {
  let headers = options.headers;
  // Array (raw) headers are sent as given: add the Host header HTTP/1.1 requires.
  if (Array.isArray(headers)) headers = ['Host', new URL(url).host, ...headers];
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: options.method ?? 'GET', headers: headers as http.OutgoingHttpHeaders }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(options.body);
  });
}
