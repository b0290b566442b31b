// A JSON client that never throws (test/support/host.ts's apiClient, with the failure caught): a request that
// found no server, or lost it midway, comes back as status 0 ("outcome unknown") so crash tests can count it
// and resolve it later.
import { apiClient } from '../../support/host';

export interface Reply {
  /** HTTP status, or 0 when the connection failed (refused, reset, timed out) */
  status: number;
  text: string;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- parsed JSON, undefined when not JSON
  headers: Headers | undefined;
  error?: string;
}

export type Call = (method: string, path: string, body?: unknown, headers?: Record<string, string>) => Promise<Reply>;

/** `baseUrl` is read on every call, so a restarted host on another port is picked up. */
export function client(baseUrl: () => string, timeoutMs = 20_000): Call {
  return async (method, path, body, headers = {}) => {
    try {
      return await apiClient(baseUrl(), {}, timeoutMs)(method, path, body, headers);
    } catch (error) {
      const cause = (error as { cause?: { code?: string } }).cause?.code;
      return { status: 0, text: '', body: undefined, headers: undefined, error: cause ?? String(error) };
    }
  };
}
