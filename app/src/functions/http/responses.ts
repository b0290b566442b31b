// JSON responses: results become bodies, failures become {"error": {code, message, details?}} with the
// status from status.ts. No stack traces ever reach a client.
import type { HttpResponseInit } from '@azure/functions';
import type { DomainError, Result } from '../../domain/result';
import { STATUS_OF } from './status';

export function json(status: number, body: unknown, headers: Record<string, string> = {}): HttpResponseInit {
  return { status, jsonBody: body, headers: { 'cache-control': 'no-store', ...headers } };
}

export function errorResponse(error: DomainError): HttpResponseInit {
  const { code, message, details } = error;
  const headers: Record<string, string> = code === 'Unauthorized' ? { 'www-authenticate': 'AppServiceAuthentication' } : {};
  return json(STATUS_OF[code], { error: details === undefined ? { code, message } : { code, message, details } }, headers);
}

/** 200 (or the given status) with the value, or the error response. */
export function fromResult<T>(result: Result<T>, status = 200, headers?: (value: T) => Record<string, string>): HttpResponseInit {
  return result.ok ? json(status, result.value, headers?.(result.value)) : errorResponse(result.error);
}
