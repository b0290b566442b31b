// The replay driver's bookkeeping for one orchestration execution (spec §5.6), persisted with the instance.
import type { RetryOptions } from '../protocol/actions.js';
import type { DurableHttpRequest } from '../protocol/durableHttp.js';
import type { ParentLink } from '../work.js';

export interface RetryState {
  /** what is retried: an activity, or a sub-orchestration (with the instance id the caller chose, if any) */
  kind?: 'activity' | 'sub';
  subInstanceId?: string;
  name: string;
  input: string | null;
  /** 1-based number of the attempt this state belongs to */
  attempt: number;
  options: RetryOptions;
}

export interface HeldLock {
  /** lock request id (the library's lockRequestId, reused as allowed by spec §6.2 step 1) */
  id: string;
  /** scheduler ids in acquisition (sorted) order */
  entities: string[];
}

export interface EngineState {
  /** the library's per-execution sequence number mirrored (spec §5.3) */
  nextEventId: number;
  /** top-level actions already translated; the replay's actions beyond this are new (spec §5.3) */
  actionsDone: number;
  /** one description per handled top-level action, for the determinism check */
  signatures: string[];
  /** TaskScheduledId of an attempt of an activity with retry → its state (spec §5.7) */
  retryTasks: Record<string, RetryState>;
  /** TimerId of a retry timer → state of the attempt that failed */
  retryTimers: Record<string, RetryState>;
  /** TaskScheduledId of a callHttp task that may answer 202 → its request (the 202 polling, ext: CallHttpAsync) */
  httpTasks?: Record<string, DurableHttpRequest>;
  /** TimerId of a 202-polling wait → the id the library reserved for the poll and the poll request */
  httpPollTimers?: Record<string, { pollId: number; request: DurableHttpRequest }>;
  /** the critical section's lock, from LockEntities until released (spec §6) */
  lock: HeldLock | null;
  /** last OrchestratorStarted timestamp (epoch ms); timestamps never go backwards (spec §5.2) */
  lastTimestamp: number;
  /** set for a sub-orchestration: who is told when it finishes (kept across continueAsNew) */
  parent: ParentLink | null;
}

export function newEngineState(): EngineState {
  return { nextEventId: 0, actionsDone: 0, signatures: [], retryTasks: {}, retryTimers: {}, lock: null, lastTimestamp: 0, parent: null };
}

export function parseEngineState(text: string): EngineState {
  return { ...newEngineState(), ...(JSON.parse(text) as Partial<EngineState>) };
}
