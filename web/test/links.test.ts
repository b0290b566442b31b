// The Link header parser the order history pages with (pure: no browser needed).
import { describe, expect, it } from 'vitest';
import { nextLink } from '../src/api/links.js';

describe('nextLink', () => {
  it.each([
    ['</api/user/a/order?limit=10&after=x>; rel="next"', '/api/user/a/order?limit=10&after=x'],
    ['</p2>; rel=next', '/p2'],
    ['</first>; rel="first", </p2>; rel="next"', '/p2'],
    ['</p2>; title="a, b; c"; rel="prev next"', '/p2'],
    ['</p2>; REL="Next"', '/p2'],
    ['<https://example.test/x?a=1,2>; rel="next"', 'https://example.test/x?a=1,2'],
  ])('%s → %s', (header, expected) => {
    expect(nextLink(header)).toBe(expected);
  });

  it.each([[null], [''], ['</p1>; rel="prev"'], ['</p1>; rel="nextpage"'], ['garbage'], ['</p2>; title="rel=next"']])('%s → none', (header) => {
    expect(nextLink(header)).toBeUndefined();
  });
});
