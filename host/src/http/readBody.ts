// Reads a request body up to a limit. Over the limit the rest is drained (not buffered) so the answer
// (413) can still be written on the same socket.
import type { IncomingMessage } from 'node:http';

export type BodyResult = { ok: true; body: Buffer } | { ok: false; reason: 'too-large' | 'aborted' };

const EMPTY = Buffer.alloc(0);

export function readBody(req: IncomingMessage, limit: number): Promise<BodyResult> {
  const declared = req.headers['content-length'];
  if (declared !== undefined && Number(declared) > limit) {
    req.resume();
    return Promise.resolve({ ok: false, reason: 'too-large' });
  }
  if (declared === '0' || (declared === undefined && req.headers['transfer-encoding'] === undefined)) {
    req.resume();
    return Promise.resolve({ ok: true, body: EMPTY });
  }
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    req.on('data', (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > limit) {
        done = true;
        chunks.length = 0;
        resolve({ ok: false, reason: 'too-large' });
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (done) return;
      done = true;
      resolve({ ok: true, body: chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size) });
    });
    const abort = () => {
      if (done) return;
      done = true;
      resolve({ ok: false, reason: 'aborted' });
    };
    req.on('error', abort);
    req.on('aborted', abort);
  });
}

/**
 * The request body limit: --max-request-body-bytes, else the app setting FUNCTIONS_REQUEST_BODY_SIZE_LIMIT (bytes, as
 * on Azure), else the host's default. Throws a message for a setting that is not a non-negative integer.
 */
export function resolveBodyLimit(fromCli: number | undefined, env: NodeJS.ProcessEnv, fallback: number): number {
  if (fromCli !== undefined) return fromCli;
  const setting = env.FUNCTIONS_REQUEST_BODY_SIZE_LIMIT;
  if (setting === undefined || setting.trim() === '') return fallback;
  if (!/^\d+$/.test(setting.trim()) || !Number.isSafeInteger(Number(setting))) {
    throw new Error(`FUNCTIONS_REQUEST_BODY_SIZE_LIMIT must be a number of bytes (a non-negative integer), got "${setting}"`);
  }
  return Number(setting);
}
