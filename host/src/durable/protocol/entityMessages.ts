// Messages between orchestrations, clients and entities (spec §6.1, ext: EntityScheduler/RequestMessage.cs,
// ReleaseMessage.cs, ResponseMessage.cs). The hub's internal form is `EntityMessage`; `toWireRequest` gives the
// JSON the extension records as EventSent.Input (the library reads only its `id`, spec §5.3).
import type { EntityRef } from './actions.js';

export type EntityMessage =
  | {
      type: 'op';
      op: string;
      /** JSON text of the input, absent when none */
      input?: string;
      id: string;
      signal: boolean;
      /** orchestration instance id or entity scheduler id of the sender; absent for client signals */
      parent?: string;
      parentExecution?: string;
    }
  | { type: 'lock'; id: string; parent: string; parentExecution: string; lockset: EntityRef[]; pos: number }
  | { type: 'release'; id: string; parent: string };

export function toWireRequest(m: EntityMessage): string {
  switch (m.type) {
    case 'op':
      return JSON.stringify({
        op: m.op,
        ...(m.signal ? { signal: true } : {}),
        ...(m.input !== undefined ? { input: m.input } : {}),
        id: m.id,
        ...(m.parent !== undefined ? { parent: m.parent, parentExecution: m.parentExecution } : {}),
      });
    case 'lock':
      return JSON.stringify({ id: m.id, parent: m.parent, parentExecution: m.parentExecution, lockset: m.lockset, pos: m.pos });
    case 'release':
      return JSON.stringify({ parent: m.parent, id: m.id });
  }
}

/** Scheduler id `@name@key` with the name lower-cased (ext: EntityScheduler/EntityId.cs:20, spec §4.1). */
export function schedulerId(name: string, key: string): string {
  return `@${name.toLowerCase()}@${key}`;
}

/** Parse `@name@key` (the key may itself contain '@'). */
export function parseSchedulerId(id: string): EntityRef | undefined {
  if (!id.startsWith('@')) return undefined;
  const at = id.indexOf('@', 1);
  if (at < 0) return undefined;
  return { name: id.slice(1, at).toLowerCase(), key: id.slice(at + 1) };
}

/** The response content an orchestration receives for an entity call (spec §4.4 item 5, §4.5). */
export function entityResponseInput(result: string | undefined, isError: boolean): string {
  return JSON.stringify(isError ? { result: result ?? null, exceptionType: 'Error' } : { result: result ?? null });
}

/** What the entity sends back once the last entity of a lock set is locked (spec §6.2 step 2). */
export const LOCK_ACQUIRED_RESPONSE = JSON.stringify({ result: 'Lock Acquisition Completed' });
