// How HTTP functions talk to the durable engine: writes run an orchestration and wait for its Result
// (read-your-writes, never "202 and a guess"); reads take the entities' committed state.
import type { HttpRequest, HttpResponseInit } from '@azure/functions';
import type * as df from 'durable-functions';
import type { z } from 'zod';
import { fail, ok, type Result } from '../../domain/result';

/** How long a write waits for its orchestration before answering 202 with the status URLs (overload only). */
export const WRITE_TIMEOUT_MS = 10_000;
/**
 * Poll quickly: the library's waitForCompletionOrCreateCheckStatusResponse polls every 1 s by default, which
 * would be the latency floor of every write. A write usually completes within a few episodes, so the first
 * status read comes right after startNew returns, then reads every few milliseconds at first, backing off
 * to 25 ms (never a tighter loop than 2 ms: each read costs the engine a request).
 */
const POLL_DELAYS_MS = [2, 3, 5, 5, 10, 10, 15, 20, 25];

export type Waited = { done: true; result: Result<unknown> } | { done: false; response: HttpResponseInit };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const isResult = (value: unknown): value is Result<unknown> =>
  typeof value === 'object' && value !== null && typeof (value as { ok?: unknown }).ok === 'boolean';

/** Waits for an instance to finish and returns its output (a domain Result). */
export async function awaitInstance(client: df.DurableClient, request: HttpRequest, instanceId: string, timeoutMs = WRITE_TIMEOUT_MS): Promise<Waited> {
  const deadline = Date.now() + timeoutMs;
  for (let attempt = 0; ; attempt++) {
    const status = await client.getStatus(instanceId);
    switch (status.runtimeStatus) {
      case 'Completed':
        return isResult(status.output)
          ? { done: true, result: status.output }
          : { done: true, result: fail('Internal', 'The operation finished without a result.') };
      case 'Failed':
      case 'Terminated':
      case 'Canceled':
        return { done: true, result: fail('Internal', `The operation ${String(status.runtimeStatus).toLowerCase()}; nothing is guaranteed to have changed.`, { instanceId }) };
      default:
        break;
    }
    if (Date.now() >= deadline) return { done: false, response: client.createCheckStatusResponse(request, instanceId) };
    await sleep(POLL_DELAYS_MS[Math.min(attempt, POLL_DELAYS_MS.length - 1)]!);
  }
}

/** Starts an orchestration and waits for its Result. */
export async function runOrchestration(
  client: df.DurableClient,
  request: HttpRequest,
  name: string,
  input: unknown,
  instanceId?: string,
): Promise<Waited> {
  const id = await client.startNew(name, instanceId === undefined ? { input } : { input, instanceId });
  return awaitInstance(client, request, id);
}

/**
 * The committed state of an entity, validated: `initial()` when it has none yet, CorruptState (naming the
 * entity) when the stored state does not match its schema.
 */
export async function readState<S>(
  client: df.DurableClient,
  entityId: df.EntityId,
  schema: z.ZodType<S>,
  initial: () => S,
): Promise<Result<S>> {
  const response = await client.readEntityState<unknown>(entityId);
  const stored = response.entityExists ? response.entityState : undefined;
  if (stored === undefined || stored === null || stored === '') return ok(initial());
  const parsed = schema.safeParse(stored);
  return parsed.success
    ? ok(parsed.data)
    : fail('CorruptState', `The stored state of ${entityId.name} '${entityId.key}' is invalid; this entity needs repair.`, {
        entity: entityId.name,
        key: entityId.key,
      });
}
