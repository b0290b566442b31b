// The store: one commit is one transaction (all or nothing), state survives reopening the file.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DatabaseSync } from 'node:sqlite';
import { MIGRATIONS } from '../../src/store/sqlite/migrations.js';
import { SqliteStore } from '../../src/store/sqlite/sqliteStore.js';
import type { InstanceRecord } from '../../src/store/store.js';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));
const tempFile = () => {
  const d = mkdtempSync(path.join(tmpdir(), 'hubstore-'));
  dirs.push(d);
  return path.join(d, 'store.sqlite');
};

const instance = (id: string, status: InstanceRecord['status'] = 'Running'): InstanceRecord => ({
  id, name: 'Orch', executionId: 'e1', status, input: '{"a":1}', output: null, customStatus: null, createdAt: 1000, updatedAt: 1000, engine: '{}',
});

describe('SqliteStore', () => {
  it('persists instances, history, entities and messages across reopen and loads only active instances', () => {
    const file = tempFile();
    const s1 = new SqliteStore({ path: file });
    s1.commit([
      { op: 'putInstance', record: instance('run') },
      { op: 'putInstance', record: instance('done', 'Completed') },
      { op: 'appendHistory', instanceId: 'run', firstSeq: 0, events: ['{"EventType":12}', '{"EventType":0}'] },
      { op: 'putEntity', record: { id: '@counter@k', exists: true, state: '3', lockedBy: 'run' } },
      { op: 'insertMessage', record: { id: 7, kind: 'entity', target: '@counter@k', due: null, body: '{"type":"op"}' } },
      { op: 'insertMessage', record: { id: 8, kind: 'orchestration', target: 'run', due: 5000, body: '{}' } },
    ]);
    s1.commit([{ op: 'deleteMessage', id: 7 }, { op: 'appendHistory', instanceId: 'run', firstSeq: 2, events: ['{"EventType":13}'] }]);
    s1.close();
    const s2 = new SqliteStore({ path: file });
    const loaded = s2.load();
    expect(loaded.activeInstances.map((i) => i.record.id)).toEqual(['run']);
    expect(loaded.activeInstances[0]!.history).toEqual(['{"EventType":12}', '{"EventType":0}', '{"EventType":13}']);
    expect(loaded.entities).toEqual([{ id: '@counter@k', exists: true, state: '3', lockedBy: 'run' }]);
    expect(loaded.messages.map((m) => [m.id, m.due])).toEqual([[8, 5000]]);
    expect(loaded.maxMessageId).toBe(8);
    expect(s2.getInstance('done')?.status).toBe('Completed');
    expect(s2.queryInstances({ statuses: ['Completed'] }).map((r) => r.id)).toEqual(['done']);
    s2.close();
    // one row per append, not per event
    const raw = new DatabaseSync(file);
    expect(raw.prepare("SELECT seq FROM history WHERE instance_id = 'run' ORDER BY seq").all().map((r) => r.seq)).toEqual([0, 2]);
    raw.close();
  });

  it('applies nothing of a commit that fails part-way', () => {
    const s = new SqliteStore({ path: ':memory:' });
    s.commit([{ op: 'insertMessage', record: { id: 1, kind: 'entity', target: 'x', due: null, body: '{}' } }]);
    expect(() =>
      s.commit([
        { op: 'putInstance', record: instance('a') },
        { op: 'insertMessage', record: { id: 1, kind: 'entity', target: 'dup', due: null, body: '{}' } }, // primary key clash
      ]),
    ).toThrow();
    expect(s.getInstance('a')).toBeUndefined();
    expect(s.load().messages.map((m) => m.target)).toEqual(['x']);
    s.close();
  });

  it('migrates a file written at schema version 1 and keeps its data', () => {
    const file = tempFile();
    const old = new DatabaseSync(file);
    old.exec(MIGRATIONS[0]!);
    old.exec('PRAGMA user_version = 1');
    old.exec(`INSERT INTO instances VALUES ('i', 'O', 'e', 'Running', '1', NULL, NULL, 5, 6, '{}')`);
    old.exec(`INSERT INTO history VALUES ('i', 0, '{"EventType":12}')`);
    old.exec(`INSERT INTO entities VALUES ('@c@k', 1, '7', NULL)`);
    old.close();
    const s = new SqliteStore({ path: file });
    const loaded = s.load();
    expect(loaded.activeInstances.map((a) => [a.record.id, a.record.input, a.history])).toEqual([['i', '1', ['{"EventType":12}']]]);
    expect(loaded.entities).toEqual([{ id: '@c@k', exists: true, state: '7', lockedBy: null }]);
    s.close();
    const check = new DatabaseSync(file);
    expect((check.prepare('PRAGMA user_version').get() as { user_version: number }).user_version).toBe(MIGRATIONS.length);
    check.close();
  });
});
