// Checkout ids fit every backend: durabletask-mssql stores instance ids as varchar(100), so the instance id
// of an Idempotency-Key checkout is a hash of (userId, key), never the two strung together.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ID_PATTERN } from '../../src/contracts/values';
import { checkoutIdFor, checkoutInstanceId, keyedAttemptId } from '../../src/orchestrations/checkoutId';

const MSSQL_INSTANCE_ID_LENGTH = 100;
const id64 = (c: string) => c.repeat(64);

describe('keyed checkout instance ids', () => {
  it('stay at most 100 characters for a 64-character user id and key, in the id charset', () => {
    const attempt = keyedAttemptId(id64('u'), id64('k'));
    expect(attempt).toMatch(ID_PATTERN);
    expect(attempt).toHaveLength(43);
    expect(checkoutInstanceId(attempt).length).toBeLessThanOrEqual(MSSQL_INSTANCE_ID_LENGTH);
  });

  it('are the same for the same pair (a retry finds its attempt) and distinct for distinct pairs', () => {
    expect(keyedAttemptId('ann', 'k-1')).toBe(keyedAttemptId('ann', 'k-1'));
    // pairs that concatenate alike
    const tricky = [['a', 'bc'], ['ab', 'c'], ['a-b', 'c'], ['a', 'b-c'], ['ann', 'k-1'], ['k-1', 'ann'], ['ANN', 'k-1']];
    expect(new Set(tricky.map(([u, k]) => keyedAttemptId(u!, k!))).size).toBe(tricky.length);
    const ids = new Set<string>();
    for (let i = 0; i < 20_000; i++) ids.add(keyedAttemptId(`user-${i % 200}`, `key-${Math.floor(i / 200)}`)); // 20,000 distinct pairs
    expect(ids.size).toBe(20_000);
    expect(keyedAttemptId(id64('u'), randomBytes(48).toString('base64url'))).toHaveLength(43);
  });

  it('give distinct order ids for distinct attempts', () => {
    const a = checkoutIdFor(checkoutInstanceId(keyedAttemptId('ann', 'k1')));
    const b = checkoutIdFor(checkoutInstanceId(keyedAttemptId('ann', 'k2')));
    expect(a).not.toBe(b);
    expect(a).toMatch(ID_PATTERN);
  });
});
