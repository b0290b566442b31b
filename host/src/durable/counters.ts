// What the task hub did, counted as Azure bills it (README "Cost per request"): every figure is a
// storage transaction or a function execution on a real backend. Plain integer increments on paths the hub
// takes anyway, so counting costs nothing measurable; read them with GET /admin/host/durable/counters.
import type { StoreOp } from '../store/store.js';

export interface CounterValues {
  /** one-way operations sent to entities (by clients, orchestrations and other entities) */
  signals: number;
  /** entity operations executed (each one a message dequeued on Azure) */
  entityOperations: number;
  /** entity function invocations (each runs a batch of operations and writes the state once) */
  entityBatches: number;
  /** orchestration starts (a new execution) */
  orchestrationsStarted: number;
  /** orchestrator function invocations (each replays the history and appends to it) */
  orchestrationEpisodes: number;
  /** activity function invocations */
  activityCalls: number;
  /** committed entity states read by clients (readEntityState, GET .../entities/{name}/{key}) */
  entityStateReads: number;
  /** instance status reads by clients (getStatus, GET .../instances/{id}) */
  statusReads: number;
  /** history events appended (a row each in the History table of Azure Storage) */
  historyRowsWritten: number;
  /** store transactions (group commits: each holds every step staged in one event-loop turn) */
  storeCommits: number;
}

export const COUNTER_NAMES: readonly (keyof CounterValues)[] = [
  'signals',
  'entityOperations',
  'entityBatches',
  'orchestrationsStarted',
  'orchestrationEpisodes',
  'activityCalls',
  'entityStateReads',
  'statusReads',
  'historyRowsWritten',
  'storeCommits',
];

export class HubCounters implements CounterValues {
  signals = 0;
  entityOperations = 0;
  entityBatches = 0;
  orchestrationsStarted = 0;
  orchestrationEpisodes = 0;
  activityCalls = 0;
  entityStateReads = 0;
  statusReads = 0;
  historyRowsWritten = 0;
  storeCommits = 0;

  /** a store transaction: counts it and the history rows it appends */
  committed(ops: readonly StoreOp[]): void {
    this.storeCommits++;
    for (const op of ops) if (op.op === 'appendHistory') this.historyRowsWritten += op.events.length;
  }

  snapshot(): CounterValues {
    return Object.fromEntries(COUNTER_NAMES.map((name) => [name, this[name]])) as unknown as CounterValues;
  }
}
