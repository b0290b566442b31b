// The checkout id derived from the instance id: fixed for a given id (so a stored one stays valid across
// versions), and always in UUID layout with the version nibble 5 and a variant 8, 9, a or b.
import { describe, expect, it } from 'vitest';
import { checkoutIdFor } from '../../src/orchestrations/checkoutId';

describe('checkoutIdFor', () => {
  it('is a fixed function of the instance id', () => {
    expect(checkoutIdFor('checkout.ann.key-1')).toBe('2380fd40-6952-54dd-a649-a82fb7725a2e');
  });

  it('always has the UUID layout, for every variant nibble', () => {
    const variants = new Set<string>();
    for (let i = 0; i < 64; i++) {
      const id = checkoutIdFor(`instance-${i}`);
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      variants.add(id[19]!);
    }
    expect([...variants].sort()).toEqual(['8', '9', 'a', 'b']);
  });
});
