// JSON answers the host writes itself. Errors are {"error":{"code","message"}} (codes named after HTTP statuses).
import type { ServerResponse } from 'node:http';

export function sendJson(res: ServerResponse, status: number, value: unknown, headers: Record<string, string | string[]> = {}): void {
  const body = JSON.stringify(value);
  res.statusCode = status;
  for (const [name, v] of Object.entries(headers)) res.setHeader(name, v);
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.setHeader('content-length', Buffer.byteLength(body));
  res.end(body);
}

export function sendError(res: ServerResponse, status: number, code: string, message: string): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  sendJson(res, status, { error: { code, message } });
}
