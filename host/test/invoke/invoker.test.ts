// The invoker is trigger-agnostic: the durable extension drives entity/orchestration/activity functions
// through it exactly like HTTP ones (spec §1.5). In-process: the core module is installed first, then the
// real @azure/functions registers into it.
import { createRequire } from 'node:module';
import { describe, expect, it, vi } from 'vitest';
import { coreState } from '../../src/loader/coreModule.js';
import { Registry, toRegisteredFunction } from '../../src/loader/registry.js';
import { FunctionInvoker } from '../../src/invoke/invoker.js';
import { createLogger } from '../../src/invoke/log.js';
import type { FunctionMetadata, InputBindingProvider, RegisteredFunction } from '../../src/contracts.js';

const require = createRequire(import.meta.url);
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { app, trigger, input } = require('@azure/functions') as typeof import('@azure/functions');

const clientInput = input.generic({ type: 'durableClient' });
app.generic('Activity', {
  trigger: trigger.generic({ type: 'activityTrigger' }),
  extraInputs: [clientInput],
  handler: async (value, context) => ({ got: value, client: context.extraInputs.get(clientInput), name: context.functionName }),
});
app.generic('Failing', {
  trigger: trigger.generic({ type: 'activityTrigger' }),
  handler: async () => {
    throw new Error('activity failed');
  },
});
app.generic('Counter', { trigger: trigger.generic({ type: 'entityTrigger' }), handler: async () => 7 });

const functions = [...coreState.registrations.values()].map(
  (r) => toRegisteredFunction(r.metadata as unknown as FunctionMetadata, r.callback) as RegisteredFunction,
);
const registry = new Registry(functions);
const provider = vi.fn<InputBindingProvider>(({ requestOrigin }) => ({ string: JSON.stringify({ origin: requestOrigin }) }));
const logger = { ...createLogger(false), error: vi.fn() };
const invoker = new FunctionInvoker({
  registry,
  programmingModel: coreState.programmingModel,
  inputBindings: { durableClient: provider },
  logger,
});

describe('FunctionInvoker', () => {
  it('registers through the supplied core module', () => {
    expect(coreState.programmingModel?.name).toBe('@azure/functions');
    expect(registry.byTriggerType('activityTrigger').map((f) => f.name).sort()).toEqual(['Activity', 'Failing']);
  });

  it('invokes a non-HTTP trigger, parses {string} input and adds extension-supplied inputs', async () => {
    const fn = registry.get('activity')!; // case-insensitive lookup
    const outcome = await invoker.invoke({
      functionName: 'activity',
      inputData: [{ name: fn.triggerBindingName, data: { string: '{"a":1}' } }],
      requestOrigin: 'http://localhost:1234',
    });
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(outcome.invocationId).toMatch(/^[0-9a-f-]{36}$/);
    expect(JSON.parse(outcome.returnValue!.json!)).toEqual({
      got: { a: 1 },
      client: { origin: 'http://localhost:1234' },
      name: 'Activity',
    });
    expect(provider).toHaveBeenCalledWith(expect.objectContaining({ bindingName: clientInput.name, fn }));
  });

  it('returns the raw return value of non-HTTP functions without an output binding', async () => {
    const fn = registry.get('Counter')!;
    const outcome = await invoker.invoke({ functionName: 'Counter', inputData: [{ name: fn.triggerBindingName, data: { string: '{}' } }] });
    expect(outcome).toMatchObject({ ok: true, returnValue: { int: 7 } });
  });

  it('reports a thrown error as a failed outcome and logs it with the function name and invocation id', async () => {
    const fn = registry.get('Failing')!;
    const outcome = await invoker.invoke({ functionName: 'Failing', inputData: [{ name: fn.triggerBindingName, data: { string: 'x' } }] });
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.error.message).toBe('activity failed');
    expect(logger.error).toHaveBeenCalledWith(
      expect.stringMatching(new RegExp(`^Executed 'Functions\\.Failing' \\(Failed, Id=${outcome.invocationId}, Duration=\\d+ms\\)\\nException while executing function: Functions\\.Failing\\. Error: activity failed`)),
    );
  });

  it('fails cleanly for an unknown function', async () => {
    const outcome = await invoker.invoke({ functionName: 'Nope', inputData: [] });
    expect(outcome).toMatchObject({ ok: false });
  });
});
