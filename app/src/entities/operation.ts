// The glue every entity shares: load and validate state (once per batch), validate input, call the pure
// domain, setState only when the domain returns a state (a refused cart write still records its outcome),
// return the domain Result as a value. durable-functions does not roll back state when an operation throws
// and serializes a thrown Error as "{}" (spec §4.6 Q1/Q2), so nothing here relies on throwing.
import type * as df from 'durable-functions';
import type { z } from 'zod';
import { fail, type Result } from '../domain/result';

/** What an operation did: the new state (omit when unchanged) and the value returned to the caller. */
export interface Outcome<S> {
  state?: S;
  result: Result<unknown>;
}

export type Operations<S> = Record<string, { input: z.ZodType; run: (state: S, input: never, key: string) => Outcome<S> }>;

export interface EntityDefinition<S> {
  /** the registered name, used in messages (the host passes entityName lower-cased, spec §4.1) */
  name: string;
  state: z.ZodType<S>;
  /** the state of an entity that has none yet */
  initial: () => S;
  operations: Operations<S>;
}

/** Declares one operation with its input schema, so `run` receives the parsed input type (and the entity's key). */
export function operation<S, I extends z.ZodType>(input: I, run: (state: S, input: z.infer<I>, key: string) => Outcome<S>) {
  return { input, run: run as (state: S, input: never, key: string) => Outcome<S> };
}

/**
 * The state this handler last loaded or stored, per invocation. The library runs every operation of a batch
 * with the same context object (lib: entities/Entity.js handle), so later operations of the batch reuse the
 * state validated by the first instead of JSON-parsing and validating it again. Domain functions never
 * mutate their input, so the cached object is exactly what was stored.
 */
const batchState = new WeakMap<object, { state: unknown }>();

/** Marks a stored state that is not even JSON (the library's getState throws on it). */
const NOT_JSON = Symbol('not JSON');

export function entityHandler<S>(definition: EntityDefinition<S>): df.EntityHandler<unknown> {
  return (context) => {
    const dfc = context.df;
    const who = `${definition.name} '${dfc.entityKey}'`;
    const op = Object.hasOwn(definition.operations, dfc.operationName ?? '') ? definition.operations[dfc.operationName!] : undefined;
    if (!op) {
      dfc.return(fail('ValidationFailed', `${definition.name} has no operation '${dfc.operationName}'.`));
      return;
    }

    let state: S;
    const cached = batchState.get(context);
    if (cached) {
      state = cached.state as S;
    } else {
      let stored: unknown;
      try {
        stored = dfc.getState(); // the library JSON.parses the stored text: it throws on text that is not JSON
      } catch (error) {
        stored = NOT_JSON;
        context.error(`CorruptState in ${who}: the stored state is not JSON (${error instanceof Error ? error.message : String(error)})`);
      }
      if (stored === undefined || stored === null) {
        // store the initial state (e.g. the seeded catalog) right away: return() alone would mark the
        // entity as existing with no state (spec §4.6 Q5); this way an existing entity always has a valid state
        state = definition.initial();
        dfc.setState(state);
      } else {
        const parsed = stored === NOT_JSON ? undefined : definition.state.safeParse(stored);
        if (!parsed?.success) {
          if (parsed) context.error(`CorruptState in ${who}: ${parsed.error.message}`);
          dfc.return(fail('CorruptState', `The stored state of ${who} is invalid; this entity needs repair.`, {
            entity: definition.name,
            key: dfc.entityKey,
          }));
          return;
        }
        state = parsed.data;
      }
      batchState.set(context, { state });
    }

    const input = op.input.safeParse(dfc.getInput());
    if (!input.success) {
      dfc.return(fail('ValidationFailed', `Invalid input for ${definition.name}.${dfc.operationName}.`, { issues: input.error.issues }));
      return;
    }

    // The next state is not validated again: the pure domain built it from a validated state and a
    // validated input, and keeps every bound the schema checks (test/entities checks every operation's
    // output against the schema). Validating it here cost as much as the operation itself on the singleton.
    const outcome = op.run(state, input.data as never, dfc.entityKey);
    if (outcome.state !== undefined) {
      dfc.setState(outcome.state);
      batchState.set(context, { state: outcome.state });
    }
    dfc.return(outcome.result);
  };
}
