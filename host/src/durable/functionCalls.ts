// Calls into the app's durable functions through the host's Invoker (spec §1.5), and the conversions of
// their inputs and results: entity batches (§4.1/§4.3), orchestrator replays (§5.1/§5.4), activities (§5.5).
import type { FunctionRegistry, Invoker, RpcTypedData } from '../contracts.js';
import type { Batch, EntityScheduler } from './entities/entityScheduler.js';
import type { InvokeResult } from './orchestrations/episode.js';
import { type EntityBatchInput, type EntityBatchOutput, parseEntityBatchOutput } from './protocol/entityBatch.js';
import { type HistoryEvent, historyEvents } from './protocol/historyEvents.js';
import type { ActivityTask } from './work.js';

/** Run one entity batch; a failure of the invocation as a whole comes back as `{failure}` (spec §4.4 item 7). */
export async function invokeEntityBatch(registry: FunctionRegistry, invoker: Invoker, e: EntityScheduler, batch: Batch): Promise<EntityBatchOutput | { failure: string }> {
  const fn = registry.get(e.name);
  if (!fn) return { failure: `The function '${e.name}' doesn't exist, is disabled, or is not an entity function.` };
  const input: EntityBatchInput = {
    self: { name: e.name, key: e.key },
    exists: e.exists,
    state: e.state,
    batch: batch.ops.map(({ msg }) => ({ name: msg.op, input: msg.input ?? null, isSignal: msg.signal })),
  };
  try {
    const outcome = await invoker.invoke({
      functionName: fn.name,
      inputData: [{ name: fn.triggerBindingName, data: { string: JSON.stringify(input) } }],
    });
    if (!outcome.ok) return { failure: outcome.error.message };
    return parseEntityBatchOutput(decodeReturnValue(outcome.returnValue));
  } catch (error) {
    return { failure: (error as Error).message ?? String(error) };
  }
}

/** Replay an orchestrator with the given trigger input text. */
export async function invokeOrchestrator(registry: FunctionRegistry, invoker: Invoker, name: string, inputText: string): Promise<InvokeResult> {
  const fn = registry.get(name);
  if (!fn || fn.trigger.type !== 'orchestrationTrigger') return { ok: false, message: `The function '${name}' doesn't exist, is disabled, or is not an orchestrator function.` };
  try {
    const outcome = await invoker.invoke({ functionName: fn.name, inputData: [{ name: fn.triggerBindingName, data: { string: inputText } }] });
    return outcome.ok ? { ok: true, value: decodeReturnValue(outcome.returnValue) } : { ok: false, message: outcome.error.message };
  } catch (error) {
    return { ok: false, message: (error as Error).message ?? String(error) };
  }
}

/** Run an activity and build the event its orchestration receives: TaskCompleted or TaskFailed (spec §5.5). */
export async function invokeActivity(registry: FunctionRegistry, invoker: Invoker, target: string, task: ActivityTask): Promise<HistoryEvent> {
  const fn = registry.get(task.name);
  let event: HistoryEvent;
  const reason = (message: string) => `Activity function '${task.name}' failed:  ${message}`;
  try {
    if (!fn) throw new Error(`The function '${task.name}' doesn't exist.`);
    const outcome = await invoker.invoke({
      functionName: fn.name,
      inputData: [{ name: fn.triggerBindingName, data: task.input === null ? {} : { string: task.input } }],
      triggerMetadata: { instanceId: { string: target } },
    });
    if (outcome.ok) {
      const value = decodeReturnValue(outcome.returnValue);
      event = historyEvents.taskCompleted(Date.now(), task.scheduledId, value === undefined ? null : JSON.stringify(value));
    } else {
      event = historyEvents.taskFailed(Date.now(), task.scheduledId, reason(outcome.error.message), failureDetails(outcome.error));
    }
  } catch (error) {
    event = historyEvents.taskFailed(Date.now(), task.scheduledId, reason((error as Error).message), failureDetails(error as Error));
  }
  return event;
}

/** RpcTypedData returned by the invoker → the function's return value (spec §1.5 decoding). */
export function decodeReturnValue(rv: RpcTypedData | undefined): unknown {
  if (!rv) return undefined;
  if (rv.json !== undefined) return JSON.parse(rv.json);
  if (rv.string !== undefined) return rv.string;
  if (rv.int !== undefined) return Number(rv.int);
  if (rv.double !== undefined) return Number(rv.double);
  if (rv.bytes !== undefined) return Buffer.from(rv.bytes).toString('base64');
  return undefined;
}

/** TaskFailed.Details: any string works for the library (spec §5.5); we send what .NET would roughly show */
function failureDetails(error: Error): string {
  return JSON.stringify({ Message: error?.message ?? String(error), StackTrace: error?.stack ?? null });
}

