// A tiny in-process stand-in for the loader + invoker, for unit tests of the hub: functions are the real
// durable-functions handlers (the library's replay executor, entity batch loop and activity wrapper), called
// the way the InvocationModel would (trigger data {string} → tryJsonParse; return value → RpcTypedData).
import { createRequire } from 'node:module';
import { randomUUID } from 'node:crypto';
import type { FunctionRegistry, InvocationOutcome, InvocationRequest, Invoker, RegisteredFunction, RpcTypedData } from '../../../src/contracts.js';

const require = createRequire(import.meta.url);
const { createOrchestrator, createEntityFunction } = require('durable-functions/lib/src/util/testingUtils.js');
const { wrapActivityHandler } = require('durable-functions/lib/src/app.js');
const { InvocationContext } = require('@azure/functions');
export const df = require('durable-functions');

type Handler = (input: unknown, context: unknown) => unknown;

export class FakeApp implements Invoker {
  private readonly fns = new Map<string, RegisteredFunction>();
  readonly calls: InvocationRequest[] = [];

  private add(name: string, type: string, handler: Handler): this {
    const trigger = { type, direction: 'in' as const, name: 'trigger' };
    this.fns.set(name.toLowerCase(), {
      name,
      metadata: { name, bindings: { trigger } },
      callback: handler as RegisteredFunction['callback'],
      triggerBindingName: 'trigger',
      trigger,
    });
    return this;
  }
  orchestration(name: string, fn: (context: any) => Generator<unknown, unknown, any>): this {
    return this.add(name, 'orchestrationTrigger', createOrchestrator(fn));
  }
  entity(name: string, fn: (context: any) => void): this {
    return this.add(name, 'entityTrigger', createEntityFunction(fn));
  }
  activity(name: string, fn: (input: any) => unknown): this {
    return this.add(name, 'activityTrigger', wrapActivityHandler(fn));
  }

  readonly registry: FunctionRegistry = {
    get: (name) => this.fns.get(name.toLowerCase()),
    all: () => [...this.fns.values()],
    byTriggerType: (type) => [...this.fns.values()].filter((f) => f.trigger.type === type),
  };

  async invoke(request: InvocationRequest): Promise<InvocationOutcome> {
    this.calls.push(request);
    const invocationId = randomUUID();
    const fn = this.registry.get(request.functionName);
    if (!fn) return { ok: false, invocationId, error: new Error(`no function ${request.functionName}`) };
    const data = request.inputData[0]?.data ?? {};
    const input = data.string === undefined ? undefined : tryJsonParse(data.string);
    const context = new InvocationContext({ functionName: fn.name, invocationId, logHandler: () => {} });
    try {
      const result = await (fn.callback as Handler)(input, context);
      return { ok: true, invocationId, returnValue: toTypedData(result) };
    } catch (error) {
      return { ok: false, invocationId, error: error instanceof Error ? error : new Error(String(error)) };
    }
  }
}

function tryJsonParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** azf: converters/toRpcTypedData.ts */
function toTypedData(value: unknown): RpcTypedData | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return { string: value };
  if (typeof value === 'number') return Number.isInteger(value) ? { int: value } : { double: value };
  return { json: JSON.stringify(value) };
}
