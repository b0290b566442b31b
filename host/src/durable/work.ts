// The units of work the hub moves between queues. Each is stored as one message row until the step that
// consumes it commits (store.ts), so an acknowledged message survives a crash and is consumed once.
import type { EntityMessage } from './protocol/entityMessages.js';
import type { HistoryEvent } from './protocol/historyEvents.js';

/** The parent of a sub-orchestration, and the id of the task waiting for it there (spec §5.5 type 2). */
export interface ParentLink {
  instanceId: string;
  executionId: string;
  taskScheduledId: number;
}

export type OrchestrationMessage =
  /** a history event for the instance; executionId null = whichever execution is current (external events) */
  | { type: 'event'; executionId: string | null; event: HistoryEvent }
  | { type: 'terminate' | 'suspend' | 'resume'; reason: string | null }
  /** create this instance as a sub-orchestration of `parent` */
  | { type: 'start'; name: string; input: string | null; parent: ParentLink };

export interface ActivityTask {
  executionId: string;
  scheduledId: number;
  name: string;
  /** JSON text of the input, null when none (spec §5.5 value conventions) */
  input: string | null;
}

export type Outgoing =
  | { kind: 'entity'; target: string; msg: EntityMessage }
  | { kind: 'orchestration'; target: string; msg: OrchestrationMessage; due?: number }
  | { kind: 'activity'; target: string; task: ActivityTask };
