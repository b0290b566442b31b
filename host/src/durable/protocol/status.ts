// Instance status JSON (spec §7.1, ext: StatusResponsePayload.cs). The JS DurableOrchestrationStatus
// constructor needs name, instanceId, createdTime, lastUpdatedTime, runtimeStatus and (non-undefined)
// input and output, so input/output are always sent (null when absent).
import type { InstanceRecord } from '../../store/store.js';

export interface StatusPayload {
  name: string;
  instanceId: string;
  runtimeStatus: string;
  input: unknown;
  customStatus: unknown;
  output: unknown;
  createdTime: string;
  lastUpdatedTime: string;
}

/** yyyy-MM-ddTHH:mm:ssZ, no fraction (spec §7.1) */
export function statusTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Stored JSON text → value; a non-JSON stored string is returned as the string (spec §7.1). */
export function parseStoredJson(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export function statusPayload(r: Pick<InstanceRecord, 'id' | 'name' | 'status' | 'input' | 'output' | 'customStatus' | 'createdAt' | 'updatedAt'>, showInput = true): StatusPayload {
  return {
    name: r.name,
    instanceId: r.id,
    runtimeStatus: r.status,
    input: showInput ? parseStoredJson(r.input) : null,
    customStatus: parseStoredJson(r.customStatus),
    output: parseStoredJson(r.output),
    createdTime: statusTime(r.createdAt),
    lastUpdatedTime: statusTime(r.updatedAt),
  };
}
