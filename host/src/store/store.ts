// The task hub's durable store (README "How work flows and what is durable"): the hub keeps hot state in memory and writes it through
// here. A transaction is one method call: `commit(batch)` applies every operation of the batch atomically,
// so an entity batch (new state + results + outgoing messages + dequeue of its inputs) or an orchestration
// episode (history + status + dispatched work) is never half-applied. The hub groups the steps of one
// event-loop turn into one batch (group commit); each step stays atomic.

export type RuntimeStatus = 'Pending' | 'Running' | 'Completed' | 'ContinuedAsNew' | 'Failed' | 'Canceled' | 'Terminated' | 'Suspended';

export const TERMINAL_STATUSES: ReadonlySet<RuntimeStatus> = new Set(['Completed', 'Failed', 'Canceled', 'Terminated']);

export interface InstanceRecord {
  id: string;
  name: string;
  executionId: string;
  status: RuntimeStatus;
  /** JSON text (null when none) */
  input: string | null;
  output: string | null;
  customStatus: string | null;
  createdAt: number;
  updatedAt: number;
  /** the replay driver's bookkeeping (ids, handled actions, retries, locks), JSON text */
  engine: string;
}

export interface EntityRecord {
  /** scheduler id `@name@key`, name lower-cased (spec §4.1) */
  id: string;
  exists: boolean;
  state: string | null;
  lockedBy: string | null;
  /** epoch ms of the last batch that ran on it (listing: lastOperationTime); kept when a put leaves it out */
  lastOperationAt?: number;
}

/** Where a message goes: an entity's queue, an orchestration's inbox, or the activity runner. */
export type MessageKind = 'entity' | 'orchestration' | 'activity';

export interface MessageRecord {
  id: number;
  kind: MessageKind;
  /** entity scheduler id or orchestration instance id */
  target: string;
  /** epoch ms before which the message is not delivered (durable timers), or null */
  due: number | null;
  body: string;
}

export type StoreOp =
  | { op: 'putInstance'; record: InstanceRecord }
  | { op: 'deleteInstance'; id: string }
  | { op: 'appendHistory'; instanceId: string; firstSeq: number; events: string[] }
  | { op: 'deleteHistory'; instanceId: string }
  | { op: 'putEntity'; record: EntityRecord }
  | { op: 'deleteEntity'; id: string }
  | { op: 'insertMessage'; record: MessageRecord }
  | { op: 'deleteMessage'; id: number };

export interface InstanceQuery {
  createdFrom?: number;
  createdTo?: number;
  statuses?: RuntimeStatus[];
  /** ids starting with this */
  idPrefix?: string;
  /** keyset paging: rows after this one in (createdAt, id) order */
  after?: { createdAt: number; id: string };
  limit?: number;
}

export interface EntityQuery {
  /** ids starting with this (`@name@` for one entity name) */
  idPrefix?: string;
  /** keyset paging: ids after this one */
  afterId?: string;
  lastOperationFrom?: number;
  lastOperationTo?: number;
  limit?: number;
}

export interface LoadedState {
  /** instances that are not in a terminal state (they may still have work) */
  activeInstances: { record: InstanceRecord; history: string[] }[];
  entities: EntityRecord[];
  messages: MessageRecord[];
  maxMessageId: number;
}

export interface TaskHubStore {
  /**
   * everything needed to resume after a restart (crash recovery). `idleEntities: false` leaves out entities
   * with no work (not locked, no pending message): the hub reads those on demand (getEntity).
   */
  load(options?: { idleEntities?: boolean }): LoadedState;
  /** apply all operations in one transaction */
  commit(ops: readonly StoreOp[]): void;
  getInstance(id: string): InstanceRecord | undefined;
  getHistory(instanceId: string): string[];
  queryInstances(query: InstanceQuery): InstanceRecord[];
  getEntity(id: string): EntityRecord | undefined;
  /** existing entities in id order */
  queryEntities(query: EntityQuery): EntityRecord[];
  close(): void;
}
