// JSON answers the host writes itself. Errors are {"error":{"code","message"}} (codes named after HTTP statuses).
import { type ServerResponse, STATUS_CODES } from 'node:http';

/** The error code of a status: its HTTP reason phrase without spaces (404 → NotFound, 413 → PayloadTooLarge). */
export function errorCode(status: number): string {
  return (STATUS_CODES[status] ?? 'Error').replace(/ /g, '');
}

export function sendJson(res: ServerResponse, status: number, value: unknown, headers: Record<string, string | string[]> = {}): void {
  const body = JSON.stringify(value);
  res.statusCode = status;
  for (const [name, v] of Object.entries(headers)) res.setHeader(name, v);
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.setHeader('content-length', Buffer.byteLength(body));
  res.end(body);
}

export function sendError(res: ServerResponse, status: number, message: string): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  sendJson(res, status, { error: { code: errorCode(status), message } });
}
