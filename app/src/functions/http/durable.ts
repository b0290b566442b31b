// How HTTP functions talk to the durable engine: the client they share, validated reads of the entities'
// committed state, and writes that run an orchestration and wait for its Result within the write deadline
// (read-your-writes, never "202 and a guess"; cart writes signal the entity instead: cartWrites.ts).
import { isDeepStrictEqual } from 'node:util';
import type { HttpResponseInit, InvocationContext } from '@azure/functions';
import * as df from 'durable-functions';
import type { z } from 'zod';
import { fail, ok, type Result } from '../../domain/result';
import { writeDeadlineMs } from '../../settings';

/**
 * Delays between the reads of one write's outcome (readEntityState of a cart, getStatus of an
 * orchestration). The first read comes at once (the local host applies a signal to an idle entity in the
 * signal's own transaction, so it nearly always finds the outcome); then 5, 15, 30, 50, 100 ms: on Azure a
 * write takes queue hops of tens of milliseconds, and reads spent before its outcome can show are billed
 * storage transactions for nothing (the azure-storage profile measured 9.6 reads per cart write with a
 * back-off starting at 1 ms). The library's waitForCompletionOrCreateCheckStatusResponse polls every 1 s,
 * which would be the latency floor of every write. The delays back off to 1 s (host.json's
 * maxQueuePollingInterval: the engine's own step when idle), so the reads per write are bounded:
 * maxReads(deadline), 28 for the default 20 s (README "Writes").
 */
export const READ_DELAYS_MS: readonly number[] = [5, 15, 30, 50, 100, 200, 400, 800, 1000];

export type Waited<T = unknown> = { done: true; result: Result<T> } | { done: false; response: HttpResponseInit };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The reads one write may make before its deadline: each `until` call continues the back-off where the
 * previous one stopped, so a write that waits in two stages (a checkout's orchestration, then its cart)
 * stays within one budget. The last read comes at the deadline. Every wait on the engine polls through here.
 */
export class ReadBudget {
  private readonly deadline: number;
  private attempt = 0;
  reads = 0;

  constructor(timeoutMs: number, private readonly delaysMs: readonly number[] = READ_DELAYS_MS) {
    this.deadline = Date.now() + timeoutMs;
  }

  /** Calls `read` until it returns a value; undefined once the deadline has passed. */
  async until<T>(read: () => Promise<T | undefined>): Promise<T | undefined> {
    for (;;) {
      this.reads++;
      const value = await read();
      if (value !== undefined) return value;
      const left = this.deadline - Date.now();
      if (left <= 0) return undefined;
      await sleep(Math.min(this.delaysMs[Math.min(this.attempt++, this.delaysMs.length - 1)]!, left));
    }
  }
}

/** The most reads a ReadBudget makes within timeoutMs (reads that take no time; slower reads make fewer). */
export function maxReads(timeoutMs: number, delaysMs: readonly number[] = READ_DELAYS_MS): number {
  let reads = 0;
  for (let t = 0, attempt = 0; ; attempt++) {
    reads++;
    if (t >= timeoutMs) return reads;
    t += Math.min(delaysMs[Math.min(attempt, delaysMs.length - 1)]!, timeoutMs - t);
  }
}

/** Calls `read` until it returns a value, backing off along delaysMs; undefined once timeoutMs has passed. */
export const pollUntil = <T>(read: () => Promise<T | undefined>, delaysMs: readonly number[], timeoutMs: number): Promise<T | undefined> =>
  new ReadBudget(timeoutMs, delaysMs).until(read);

const isResult = (value: unknown): value is Result<unknown> =>
  typeof value === 'object' && value !== null && typeof (value as { ok?: unknown }).ok === 'boolean';

/** A finished instance's Result; undefined while it is still running. */
export function resultOf(status: df.DurableOrchestrationStatus, instanceId: string): Result<unknown> | undefined {
  switch (status.runtimeStatus) {
    case 'Completed':
      return isResult(status.output) ? status.output : fail('Internal', 'The operation finished without a result.');
    case 'Failed':
    case 'Terminated':
    case 'Canceled':
      return fail('Internal', `The operation ${String(status.runtimeStatus).toLowerCase()}; nothing is guaranteed to have changed.`, { instanceId });
    default:
      return undefined;
  }
}

/**
 * Waits for an instance to finish and returns its output (a domain Result). Past the deadline it answers
 * `pending()`, which the caller builds: never the library's check-status payload, whose URLs carry the
 * extension's system key (README "Security").
 */
export async function awaitInstance(client: df.DurableClient, instanceId: string, budget: ReadBudget, pending: () => HttpResponseInit): Promise<Waited> {
  const result = await budget.until(async () => resultOf(await client.getStatus(instanceId), instanceId));
  return result ? { done: true, result } : { done: false, response: pending() };
}

/** Starts an orchestration and waits for its Result until the write deadline (STORE_WRITE_DEADLINE_MS). */
export async function runOrchestration(
  client: df.DurableClient,
  name: string,
  input: unknown,
  pending: () => HttpResponseInit,
  instanceId?: string,
): Promise<Waited> {
  const id = await client.startNew(name, instanceId === undefined ? { input } : { input, instanceId });
  return awaitInstance(client, id, new ReadBudget(writeDeadlineMs()), pending);
}

/** Remembers the last state one schema accepted (as stored, and as validated), so an unchanged state is not validated again. */
export interface ValidationMemo { stored: unknown; value: unknown }

/**
 * The committed state of an entity, validated: `initial()` when it has none yet, CorruptState (naming the
 * entity) when the stored state does not match its schema. With a memo, a state equal (as JSON) to the last
 * one accepted is answered with that value (validation is deterministic; the domain never mutates state):
 * for a state read on every request that rarely changes, like the catalog, comparing is far cheaper than
 * validating, and allocates next to nothing. (A memo per key for states that change on every write, like carts,
 * measured slower: the remembered states outlive the young generation, and promoting them cost more than
 * the validation saved.)
 */
export async function readState<S>(
  client: df.DurableClient,
  entityId: df.EntityId,
  schema: z.ZodType<S>,
  initial: () => S,
  memo?: ValidationMemo,
): Promise<Result<S>> {
  const response = await client.readEntityState<unknown>(entityId);
  const stored = response.entityExists ? response.entityState : undefined;
  if (stored === undefined || stored === null || stored === '') return ok(initial());
  if (memo && memo.value !== undefined && sameJson(memo.stored, stored)) return ok(memo.value as S);
  const parsed = schema.safeParse(stored);
  if (!parsed.success) {
    return fail('CorruptState', `The stored state of ${entityId.name} '${entityId.key}' is invalid; this entity needs repair.`, {
      entity: entityId.name,
      key: entityId.key,
    });
  }
  if (memo) Object.assign(memo, { stored, value: parsed.data });
  return ok(parsed.data);
}

/** Equality of two JSON values (what JSON.parse makes: no undefined, functions, dates or cycles). */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameJson(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  for (const key of keys) {
    if (!Object.hasOwn(b, key) || !sameJson((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key])) return false;
  }
  return true;
}

let lastClient: { binding: unknown; client: df.DurableClient } | undefined;

/**
 * df.getClient(context), reused while the binding value stays the same (it does for every function of an
 * app instance): the library's constructor validates every webhook URL (validator.isURL) and builds an
 * axios instance each time, which cost more than the durable calls then made. A DurableClient keeps no
 * per-invocation state; a different binding value gets a new client.
 */
export function durableClient(context: InvocationContext): df.DurableClient {
  const input = context.options.extraInputs.find((i) => i.type === 'durableClient' || i.type === 'orchestrationClient');
  const binding = input ? context.extraInputs.get(input) : undefined;
  if (lastClient && binding !== undefined && isDeepStrictEqual(lastClient.binding, binding)) return lastClient.client;
  const client = df.getClient(context); // throws the library's own error when the binding is missing or invalid
  lastClient = { binding, client };
  return client;
}
