// SQLite implementation of the task hub store on Node 22's built-in node:sqlite (no native build).
// WAL + synchronous=NORMAL: a committed transaction survives a process crash (kill -9), which is the
// durability bar of the issue; not a power loss (use synchronous FULL for that, see README).
import { DatabaseSync, type StatementSync } from 'node:sqlite';
import type { EntityQuery, EntityRecord, InstanceQuery, InstanceRecord, LoadedState, MessageRecord, StoreOp, TaskHubStore } from '../store.js';
import { MIGRATIONS } from './migrations.js';

export interface SqliteStoreOptions {
  /** file path or ':memory:' */
  path: string;
  /** 'NORMAL' (default: durable against process crash) or 'FULL' (also against power loss) */
  synchronous?: 'NORMAL' | 'FULL';
}

type Row = Record<string, unknown>;

export class SqliteStore implements TaskHubStore {
  private readonly db: DatabaseSync;
  private readonly stmt: Record<string, StatementSync>;

  constructor(options: SqliteStoreOptions) {
    this.db = new DatabaseSync(options.path);
    if (options.path !== ':memory:') this.db.exec('PRAGMA journal_mode = WAL');
    this.db.exec(`PRAGMA synchronous = ${options.synchronous === 'FULL' ? 'FULL' : 'NORMAL'}`);
    this.migrate();
    const p = (sql: string) => this.db.prepare(sql);
    this.stmt = {
      putInstance: p(`INSERT INTO instances (id, name, execution_id, status, input, output, custom_status, created_at, updated_at, engine)
                      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                      ON CONFLICT(id) DO UPDATE SET name = excluded.name, execution_id = excluded.execution_id,
                        status = excluded.status, input = excluded.input, output = excluded.output,
                        custom_status = excluded.custom_status, created_at = excluded.created_at,
                        updated_at = excluded.updated_at, engine = excluded.engine`),
      deleteInstance: p('DELETE FROM instances WHERE id = ?'),
      appendHistory: p('INSERT INTO history (instance_id, seq, event) VALUES (?, ?, ?)'),
      deleteHistory: p('DELETE FROM history WHERE instance_id = ?'),
      putEntity: p(`INSERT INTO entities (id, exists_, state, locked_by, last_op) VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT(id) DO UPDATE SET exists_ = excluded.exists_, state = excluded.state, locked_by = excluded.locked_by,
                      last_op = COALESCE(excluded.last_op, entities.last_op)`),
      deleteEntity: p('DELETE FROM entities WHERE id = ?'),
      insertMessage: p('INSERT INTO messages (id, kind, target, due, body) VALUES (?, ?, ?, ?, ?)'),
      deleteMessage: p('DELETE FROM messages WHERE id = ?'),
      getInstance: p('SELECT * FROM instances WHERE id = ?'),
      getHistory: p('SELECT event FROM history WHERE instance_id = ? ORDER BY seq'),
      getEntity: p('SELECT * FROM entities WHERE id = ?'),
    };
  }

  private migrate(): void {
    const version = Number((this.db.prepare('PRAGMA user_version').get() as Row).user_version);
    for (let v = version; v < MIGRATIONS.length; v++) {
      this.db.exec('BEGIN');
      try {
        this.db.exec(MIGRATIONS[v]!);
        this.db.exec(`PRAGMA user_version = ${v + 1}`);
        this.db.exec('COMMIT');
      } catch (error) {
        this.db.exec('ROLLBACK');
        throw error;
      }
    }
  }

  load({ idleEntities = true }: { idleEntities?: boolean } = {}): LoadedState {
    const active = this.db
      .prepare(`SELECT * FROM instances WHERE status IN ('Pending', 'Running', 'Suspended', 'ContinuedAsNew')`)
      .all() as Row[];
    const activeInstances = active.map((row) => {
      const record = toInstance(row);
      return { record, history: this.getHistory(record.id) };
    });
    // without the idle ones: the locked entities (a partial index finds them) and those messages wait for
    const entities = (
      idleEntities
        ? this.db.prepare('SELECT * FROM entities').all()
        : this.db
            .prepare(
              `SELECT * FROM entities WHERE locked_by IS NOT NULL
               UNION SELECT * FROM entities WHERE id IN (SELECT DISTINCT target FROM messages WHERE kind = 'entity')`,
            )
            .all()
    ) as Row[];
    const messages = (this.db.prepare('SELECT * FROM messages ORDER BY id').all() as Row[]).map(
      (r): MessageRecord => ({
        id: Number(r.id),
        kind: r.kind as MessageRecord['kind'],
        target: String(r.target),
        due: r.due === null ? null : Number(r.due),
        body: String(r.body),
      }),
    );
    const max = this.db.prepare('SELECT MAX(id) AS m FROM messages').get() as Row;
    return { activeInstances, entities: entities.map(toEntity), messages, maxMessageId: max.m === null ? 0 : Number(max.m) };
  }

  commit(ops: readonly StoreOp[]): void {
    if (ops.length === 0) return;
    const s = this.stmt;
    this.db.exec('BEGIN');
    try {
      for (const o of ops) {
        switch (o.op) {
          case 'putInstance': {
            const r = o.record;
            s.putInstance!.run(r.id, r.name, r.executionId, r.status, r.input, r.output, r.customStatus, r.createdAt, r.updatedAt, r.engine);
            break;
          }
          case 'deleteInstance':
            s.deleteInstance!.run(o.id);
            break;
          case 'appendHistory':
            // one row per append (an episode's events joined by newlines, which JSON text never contains
            // raw): one index entry instead of one per event; rows of one event (older files) read the same
            if (o.events.some((e) => e.includes('\n'))) for (let i = 0; i < o.events.length; i++) s.appendHistory!.run(o.instanceId, o.firstSeq + i, o.events[i]!);
            else if (o.events.length > 0) s.appendHistory!.run(o.instanceId, o.firstSeq, o.events.join('\n'));
            break;
          case 'deleteHistory':
            s.deleteHistory!.run(o.instanceId);
            break;
          case 'putEntity':
            s.putEntity!.run(o.record.id, o.record.exists ? 1 : 0, o.record.state, o.record.lockedBy, o.record.lastOperationAt ?? null);
            break;
          case 'deleteEntity':
            s.deleteEntity!.run(o.id);
            break;
          case 'insertMessage': {
            const r = o.record;
            s.insertMessage!.run(r.id, r.kind, r.target, r.due, r.body);
            break;
          }
          case 'deleteMessage':
            s.deleteMessage!.run(o.id);
            break;
          default: {
            const never: never = o;
            throw new Error(`unknown store operation ${JSON.stringify(never)}`);
          }
        }
      }
      this.db.exec('COMMIT');
    } catch (error) {
      this.db.exec('ROLLBACK');
      throw error;
    }
  }

  getInstance(id: string): InstanceRecord | undefined {
    const row = this.stmt.getInstance!.get(id) as Row | undefined;
    return row ? toInstance(row) : undefined;
  }

  getHistory(instanceId: string): string[] {
    const events: string[] = [];
    for (const r of this.stmt.getHistory!.all(instanceId) as Row[]) for (const e of String(r.event).split('\n')) events.push(e);
    return events;
  }

  queryInstances(query: InstanceQuery): InstanceRecord[] {
    const where: string[] = [];
    const args: (string | number)[] = [];
    if (query.createdFrom !== undefined) (where.push('created_at >= ?'), args.push(query.createdFrom));
    if (query.createdTo !== undefined) (where.push('created_at <= ?'), args.push(query.createdTo));
    if (query.statuses && query.statuses.length > 0) {
      where.push(`status IN (${query.statuses.map(() => '?').join(', ')})`);
      args.push(...query.statuses);
    }
    if (query.idPrefix) (where.push('substr(id, 1, ?) = ?'), args.push(query.idPrefix.length, query.idPrefix));
    if (query.after) (where.push('(created_at > ? OR (created_at = ? AND id > ?))'), args.push(query.after.createdAt, query.after.createdAt, query.after.id));
    const limit = query.limit !== undefined ? ` LIMIT ${Math.max(0, Math.floor(query.limit))}` : '';
    const sql = `SELECT * FROM instances${where.length ? ' WHERE ' + where.join(' AND ') : ''} ORDER BY created_at, id${limit}`;
    return (this.db.prepare(sql).all(...args) as Row[]).map(toInstance);
  }

  queryEntities(query: EntityQuery): EntityRecord[] {
    const where = ['exists_ = 1'];
    const args: (string | number)[] = [];
    if (query.idPrefix) (where.push('substr(id, 1, ?) = ?'), args.push(query.idPrefix.length, query.idPrefix));
    if (query.afterId !== undefined) (where.push('id > ?'), args.push(query.afterId));
    if (query.lastOperationFrom !== undefined) (where.push('last_op >= ?'), args.push(query.lastOperationFrom));
    if (query.lastOperationTo !== undefined) (where.push('last_op <= ?'), args.push(query.lastOperationTo));
    const limit = query.limit !== undefined ? ` LIMIT ${Math.max(0, Math.floor(query.limit))}` : '';
    return (this.db.prepare(`SELECT * FROM entities WHERE ${where.join(' AND ')} ORDER BY id${limit}`).all(...args) as Row[]).map((r) => ({
      ...toEntity(r),
      ...(r.last_op === null || r.last_op === undefined ? {} : { lastOperationAt: Number(r.last_op) }),
    }));
  }

  getEntity(id: string): EntityRecord | undefined {
    const row = this.stmt.getEntity!.get(id) as Row | undefined;
    return row ? toEntity(row) : undefined;
  }

  close(): void {
    if (this.db.isOpen) this.db.close();
  }
}

function toInstance(r: Row): InstanceRecord {
  return {
    id: String(r.id),
    name: String(r.name),
    executionId: String(r.execution_id),
    status: r.status as InstanceRecord['status'],
    input: r.input === null ? null : String(r.input),
    output: r.output === null ? null : String(r.output),
    customStatus: r.custom_status === null ? null : String(r.custom_status),
    createdAt: Number(r.created_at),
    updatedAt: Number(r.updated_at),
    engine: String(r.engine),
  };
}

function toEntity(r: Row): EntityRecord {
  return { id: String(r.id), exists: Number(r.exists_) === 1, state: r.state === null ? null : String(r.state), lockedBy: r.locked_by === null ? null : String(r.locked_by) };
}
