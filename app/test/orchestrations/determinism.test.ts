// Orchestrator code must be deterministic (it is replayed from history): no clock, randomness, timers,
// environment or I/O in src/orchestrations or in the pure domain it calls; time and ids come from
// context.df (currentUtcDateTime, instanceId). Checked twice: a scan of the sources, and a replay of the
// checkout saga against the same recorded history, which must yield the same actions and output.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type * as df from 'durable-functions';
import { describe, expect, it } from 'vitest';
import { ok } from '../../src/domain/result';
import { checkoutOrchestrator } from '../../src/orchestrations/checkout';

const SRC = join(__dirname, '../../src');
const FORBIDDEN: [RegExp, string][] = [
  [/\bDate\.now\s*\(/, 'Date.now()'],
  [/\bnew\s+Date\s*\(\s*\)/, 'new Date()'],
  [/\bMath\.random\s*\(/, 'Math.random()'],
  [/\brandomUUID\b|\brandomBytes\b|\brandomInt\b|\bgetRandomValues\b/, 'random ids'],
  [/\bperformance\.now\b|\bprocess\.hrtime\b/, 'a clock'],
  [/\bsetTimeout\b|\bsetInterval\b|\bsetImmediate\b/, 'timers'],
  [/\bprocess\.env\b|from '\.\.\/settings'/, 'settings read at replay time'],
  [/\bfetch\s*\(|from 'node:(fs|http|https|net|dgram|child_process|fs\/promises)'|from '(fs|http|https|net|axios)'/, 'I/O'],
];

const withoutComments = (code: string) => code.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
const sources = (dir: string) => readdirSync(join(SRC, dir)).filter((f) => f.endsWith('.ts')).map((f) => join(dir, f));

describe('orchestrations are deterministic', () => {
  it('use no clock, randomness, timers, settings or I/O (orchestrations and the domain they call)', () => {
    const files = [...sources('orchestrations'), ...sources('domain')];
    expect(files.length).toBeGreaterThan(5);
    const found = files.flatMap((file) => {
      const code = withoutComments(readFileSync(join(SRC, file), 'utf8'));
      return FORBIDDEN.filter(([pattern]) => pattern.test(code)).map(([, what]) => `${file}: ${what}`);
    });
    expect(found).toEqual([]);
  });

  it('the scan catches what it forbids', () => {
    const code = withoutComments('const t = Date.now(); // Math.random()\nconst u = crypto.randomUUID();');
    expect(FORBIDDEN.filter(([p]) => p.test(code)).map(([, what]) => what)).toEqual(['Date.now()', 'random ids']);
  });

  it('replays the checkout saga from the same history to the same actions and output', () => {
    // one recorded history: the entity answers of a successful checkout
    const history = (action: { operation: string; operationInput: any }) => {
      switch (action.operation) {
        case 'beginCheckout': return ok({ lines: [{ itemId: 'latte', quantity: 2 }], alreadyCompleted: false });
        case 'commitSale': return ok([{ itemId: 'latte', quantity: 2, description: 'Latte beans', unitPrice: 4.35 }]);
        case 'add': return ok(action.operationInput.order);
        default: return ok(null);
      }
    };
    const replay = () => {
      const actions: unknown[] = [];
      const context = {
        df: {
          instanceId: 'checkout.ann.key-1',
          currentUtcDateTime: new Date('2026-05-01T10:00:00.000Z'),
          getInput: () => ({ userId: 'ann' }),
          callEntity: (id: df.EntityId, operation: string, operationInput?: unknown) => ({ kind: 'call', entity: `${id.name}/${id.key}`, operation, operationInput }),
          signalEntity: (id: df.EntityId, operation: string, operationInput?: unknown) => void actions.push({ kind: 'signal', entity: `${id.name}/${id.key}`, operation, operationInput }),
        },
      } as unknown as df.OrchestrationContext;
      const generator = checkoutOrchestrator(context);
      let step = generator.next();
      while (!step.done) {
        actions.push(step.value);
        step = generator.next(history(step.value as never));
      }
      return { actions, output: step.value };
    };
    const first = replay();
    expect(first.output).toMatchObject({ ok: true, value: { userId: 'ann', createdAt: '2026-05-01T10:00:00.000Z', total: 8.7 } });
    expect(first.actions.map((a: any) => a.operation)).toEqual(['beginCheckout', 'commitSale', 'add', 'completeCheckout', 'forgetSale']);
    expect(JSON.stringify(replay())).toBe(JSON.stringify(first));
  });
});
