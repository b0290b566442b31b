// Drives the entity functions exactly as registered: df.app.entity wraps our handler with the library's own
// Entity class and registers it through @azure/functions' app.generic; we capture that registered handler
// and call it with a synthetic entity trigger input (spec §4.1), then read its output (spec §4.3).
import * as azf from '@azure/functions';
import { expect, vi } from 'vitest';
import { z } from 'zod';
import { CartStateSchema, InventoryStateSchema, OrderSchema, OrdersStateSchema } from '../../src/contracts/state';

/**
 * The glue does not re-validate the state the domain produces (src/entities/operation.ts): every batch run
 * here does, Orders with every unarchived order in full (loading checks only their ids and times).
 */
const STATE_SCHEMAS: Record<string, z.ZodType> = {
  Inventory: InventoryStateSchema,
  ShoppingCart: CartStateSchema,
  Orders: OrdersStateSchema.extend({ orders: z.array(OrderSchema) }),
};

type Registered = (trigger: unknown, context: azf.InvocationContext) => Promise<unknown>;
const registered = new Map<string, Registered>();

/** Imports the app's entity modules with app.generic captured; returns a lookup of the registered handlers. */
export async function loadEntities(): Promise<(name: string) => Registered> {
  const spy = vi.spyOn(azf.app, 'generic').mockImplementation((name: string, options: azf.GenericFunctionOptions) => {
    registered.set(name, options.handler as Registered);
  });
  await import('../../src/entities/Inventory.js');
  await import('../../src/entities/ShoppingCart.js');
  await import('../../src/entities/Orders.js');
  spy.mockRestore();
  return (name) => {
    const handler = registered.get(name);
    if (!handler) throw new Error(`entity ${name} was not registered`);
    return handler;
  };
}

export interface BatchOutput {
  exists: boolean;
  /** parsed stored state after the batch (undefined when none) */
  state: unknown;
  /** the stored state text after the batch */
  stateText: string | undefined;
  /** parsed operation results, in batch order */
  results: { isError: boolean; value: unknown }[];
}

/** Runs one batch of operations on an entity instance through the registered handler. */
export async function runBatch(
  handler: Registered,
  self: { name: string; key: string },
  state: unknown,
  ops: { name: string; input?: unknown }[],
): Promise<BatchOutput> {
  const trigger = {
    self: { name: self.name.toLowerCase(), key: self.key }, // the host lower-cases entity names (spec §4.1)
    exists: state !== undefined,
    state: state === undefined ? null : typeof state === 'string' ? state : JSON.stringify(state),
    batch: ops.map((op) => ({ name: op.name, input: op.input === undefined ? null : JSON.stringify(op.input), isSignal: false })),
  };
  const context = new azf.InvocationContext({ functionName: self.name, logHandler: () => {} });
  const out = (await handler(trigger, context)) as {
    entityExists: boolean;
    entityState?: string;
    results: { isError: boolean; result?: string }[];
  };
  if (out.entityState !== undefined && out.entityState !== trigger.state) {
    const checked = STATE_SCHEMAS[self.name]!.safeParse(JSON.parse(out.entityState));
    expect(checked.success, `${self.name} stored a state that fails its schema: ${checked.error?.message}`).toBe(true);
  }
  return {
    exists: out.entityExists,
    stateText: out.entityState,
    state: out.entityState ? parseOrText(out.entityState) : undefined,
    results: out.results.map((r) => ({ isError: r.isError, value: r.result === undefined ? undefined : JSON.parse(r.result) })),
  };
}

/** Stored text that is not JSON (a corrupted row left as it was) comes back as the text itself. */
function parseOrText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
