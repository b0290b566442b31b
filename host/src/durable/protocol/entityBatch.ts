// The entity trigger's input (one invocation per batch) and output (spec §4.1, §4.3, lib: entities/Entity.js).
export interface EntityBatchInput {
  self: { name: string; key: string };
  exists: boolean;
  state: string | null;
  batch: { name: string; input: string | null; isSignal: boolean }[];
}

export interface OperationResult {
  isError: boolean;
  result?: string;
}

export interface EntitySignal {
  target: { name: string; key: string };
  name: string;
  /** JSON text; "" when the library got a falsy input (quirk Q7) */
  input?: string;
}

export interface EntityBatchOutput {
  results: OperationResult[];
  signals: EntitySignal[];
  entityExists: boolean;
  entityState?: string;
}

export class EntityOutputError extends Error {
  override name = 'EntityOutputError';
}

/** Validate what the entity function returned (ext reads it as OutOfProcResult, TaskEntityShim.cs:715-745). */
export function parseEntityBatchOutput(value: unknown): EntityBatchOutput {
  if (typeof value !== 'object' || value === null) throw new EntityOutputError('entity function returned no result object');
  const v = value as Record<string, unknown>;
  if (!Array.isArray(v.results)) throw new EntityOutputError('entity result has no results array');
  const results = v.results.map((r): OperationResult => {
    const o = (typeof r === 'object' && r !== null ? r : {}) as Record<string, unknown>;
    return { isError: o.isError === true, ...(typeof o.result === 'string' ? { result: o.result } : {}) };
  });
  const signals = (Array.isArray(v.signals) ? v.signals : []).flatMap((s): EntitySignal[] => {
    const o = (typeof s === 'object' && s !== null ? s : {}) as Record<string, unknown>;
    const t = (typeof o.target === 'object' && o.target !== null ? o.target : {}) as Record<string, unknown>;
    if (typeof t.name !== 'string' || typeof t.key !== 'string' || typeof o.name !== 'string') return [];
    return [{ target: { name: t.name, key: t.key }, name: o.name, ...(typeof o.input === 'string' ? { input: o.input } : {}) }];
  });
  return {
    results,
    signals,
    entityExists: v.entityExists === true,
    ...(typeof v.entityState === 'string' ? { entityState: v.entityState } : {}),
  };
}
