// Payload limits of an engine profile (the Durable Task Scheduler's 1 MiB), enforced where the backend would
// refuse the payload, as errors the app sees: an entity batch whose new state, a result or a signal is too
// large fails as a whole (every operation gets the error, the state is kept); an activity whose result is too
// large fails (the orchestrator's task throws); a client call with a too-large input is refused (413).
import type { EntityBatchOutput } from '../protocol/entityBatch.js';
import { type HistoryEvent, HistoryEventType, historyEvents } from '../protocol/historyEvents.js';
import { type EngineProfile, utf8Bytes } from './profile.js';

export function limitMessage(profile: EngineProfile, what: string, bytes: number, max: number): string {
  return `${what} is ${bytes} bytes, over ${profile.limits?.source ?? 'the limit'} (${max} bytes; engine profile ${profile.name})`;
}

/** a client's payload (orchestration input, event data, operation input) over the message limit → the error text */
export function clientPayloadError(profile: EngineProfile, what: string, text: string | null | undefined): string | undefined {
  const max = profile.limits?.maxMessageBytes;
  if (max === undefined) return undefined;
  const bytes = utf8Bytes(text);
  return bytes > max ? limitMessage(profile, what, bytes, max) : undefined;
}

export function checkEntityOutput(profile: EngineProfile, output: EntityBatchOutput | { failure: string }): EntityBatchOutput | { failure: string } {
  const limits = profile.limits;
  if (!limits || 'failure' in output) return output;
  const state = utf8Bytes(output.entityState);
  if (state > limits.maxStateBytes) return { failure: limitMessage(profile, 'The entity state', state, limits.maxStateBytes) };
  for (const r of output.results) {
    const bytes = utf8Bytes(r.result);
    if (bytes > limits.maxMessageBytes) return { failure: limitMessage(profile, 'An operation result', bytes, limits.maxMessageBytes) };
  }
  for (const s of output.signals) {
    const bytes = utf8Bytes(s.input);
    if (bytes > limits.maxMessageBytes) return { failure: limitMessage(profile, `The input of signal '${s.name}'`, bytes, limits.maxMessageBytes) };
  }
  return output;
}

export function checkActivityEvent(profile: EngineProfile, activity: string, event: HistoryEvent): HistoryEvent {
  const max = profile.limits?.maxMessageBytes;
  if (max === undefined || event.EventType !== HistoryEventType.TaskCompleted) return event;
  const bytes = utf8Bytes((event as { Result?: string | null }).Result);
  if (bytes <= max) return event;
  const message = limitMessage(profile, 'The result', bytes, max);
  return historyEvents.taskFailed(Date.now(), (event as unknown as { TaskScheduledId: number }).TaskScheduledId, `Activity function '${activity}' failed:  ${message}`, JSON.stringify({ Message: message, StackTrace: null }));
}
