// In-memory state of one orchestration instance; the store holds the same, written through by the hub.
import { type InstanceRecord, type RuntimeStatus, TERMINAL_STATUSES } from '../../store/store.js';
import type { OrchestrationMessage } from '../work.js';
import { type EngineState, newEngineState, parseEngineState } from './engineState.js';

export interface InboxItem {
  msgId: number;
  msg: OrchestrationMessage;
}

export class OrchestrationInstance {
  name: string;
  executionId: string;
  status: RuntimeStatus;
  input: string | null;
  output: string | null = null;
  customStatus: string | null = null;
  createdAt: number;
  updatedAt: number;
  engine: EngineState = newEngineState();
  /** this execution's history texts */
  history: string[] = [];
  inbox: InboxItem[] = [];
  /** store ids of this execution's pending timer messages */
  timers = new Set<number>();
  /** an episode is being run */
  running = false;
  /** a run is scheduled */
  scheduled = false;
  /** the record as last committed: what status reads return (never uncommitted progress) */
  visible: InstanceRecord | undefined;
  /** status reads waiting for the next committed change */
  watchers = new Set<() => void>();

  publish(record: InstanceRecord): void {
    this.visible = record;
    for (const w of [...this.watchers]) w();
  }

  constructor(readonly id: string, init: { name: string; executionId: string; status: RuntimeStatus; input: string | null; createdAt: number }) {
    this.name = init.name;
    this.executionId = init.executionId;
    this.status = init.status;
    this.input = init.input;
    this.createdAt = init.createdAt;
    this.updatedAt = init.createdAt;
  }

  static fromRecord(r: InstanceRecord, history: string[]): OrchestrationInstance {
    const inst = new OrchestrationInstance(r.id, { name: r.name, executionId: r.executionId, status: r.status, input: r.input, createdAt: r.createdAt });
    inst.output = r.output;
    inst.customStatus = r.customStatus;
    inst.updatedAt = r.updatedAt;
    inst.engine = parseEngineState(r.engine);
    inst.history = history;
    inst.visible = r;
    return inst;
  }

  get isTerminal(): boolean {
    return TERMINAL_STATUSES.has(this.status);
  }

  toRecord(): InstanceRecord {
    return {
      id: this.id,
      name: this.name,
      executionId: this.executionId,
      status: this.status,
      input: this.input,
      output: this.output,
      customStatus: this.customStatus,
      createdAt: this.createdAt,
      updatedAt: this.updatedAt,
      engine: JSON.stringify(this.engine),
    };
  }
}
