// Route template compilation in isolation (spec §2.1).
import { describe, expect, it } from 'vitest';
import { compileTemplate } from '../../src/http/routeTemplate.js';

const segments = (path: string) => path.split('/').filter((s, i, all) => s !== '' || i < all.length - 1);

describe('compileTemplate', () => {
  it('matches literals case-insensitively and captures parameters', () => {
    const t = compileTemplate('api/Carts/{customerId}/items/{sku}');
    expect(t.match(segments('API/carts/c1/ITEMS/latte'))).toEqual({ customerId: 'c1', sku: 'latte' });
    expect(t.match(segments('api/carts/c1/items'))).toBeUndefined();
  });

  it('handles optional, default and catch-all parameters', () => {
    expect(compileTemplate('a/{b?}').match(['a'])).toEqual({});
    expect(compileTemplate('a/{b=x}').match(['a'])).toEqual({ b: 'x' });
    expect(compileTemplate('a/{**rest}').match(['a', 'x', 'y'])).toEqual({ rest: 'x/y' });
  });

  it('checks constraints', () => {
    const t = compileTemplate('n/{id:int:min(5)}');
    expect(t.match(['n', '5'])).toEqual({ id: '5' });
    expect(t.match(['n', '4'])).toBeUndefined();
    expect(t.match(['n', '2147483648'])).toBeUndefined();
    expect(compileTemplate('d/{v:decimal}').match(['d', '1.5'])).toEqual({ v: '1.5' });
    expect(compileTemplate('l/{v:long}').match(['l', '9223372036854775807'])).toEqual({ v: '9223372036854775807' });
    expect(compileTemplate('r/{v:regex(^\\d{{3}}$)}').match(['r', '123'])).toEqual({ v: '123' });
    expect(compileTemplate('r/{v:regex(^\\d{{3}}$)}').match(['r', '1234'])).toBeUndefined();
    expect(compileTemplate('m/{v:maxlength(2)}').match(['m', 'abc'])).toBeUndefined();
  });

  it('orders precedence literal < constrained < parameter < catch-all', () => {
    const p = (t: string) => compileTemplate(t).precedence;
    expect(p('a/b')).toEqual([1, 1]);
    expect(p('a/{x:int}')).toEqual([1, 3]);
    expect(p('a/{x}')).toEqual([1, 4]);
    expect(p('a/{*x}')).toEqual([1, 5]);
    expect(p('a/{x}.{y}')).toEqual([1, 2]);
  });

  it.each(['a/{x', 'a/{x}/{x}', 'a/{*x}/b', 'a/{x?}/b', 'a/{x:unknown}', 'a//b', 'a/{x:range(1)}'])('rejects %s', (template) => {
    expect(() => compileTemplate(template)).toThrow();
  });
});
