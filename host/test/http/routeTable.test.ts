// Route conflicts: two functions whose templates match the same requests for a common method are reported at
// start, whatever the case of their literals and the names of their parameters.
import { describe, expect, it } from 'vitest';
import type { RegisteredFunction } from '../../src/contracts.js';
import { RouteTable, routeShape } from '../../src/http/routeTable.js';
import { Registry } from '../../src/loader/registry.js';

function httpFunction(name: string, route: string, methods: string[]): RegisteredFunction {
  const trigger = { type: 'httpTrigger', direction: 'in' as const, name: 'request', route, methods, authLevel: 'anonymous' };
  return { name, metadata: { name, bindings: { trigger } }, callback: () => undefined, triggerBindingName: 'trigger', trigger };
}

const table = (...fns: RegisteredFunction[]) => new RouteTable(new Registry(fns), 'api');

describe('route conflicts', () => {
  it('are found case-insensitively and whatever the parameter names', () => {
    const warnings = table(httpFunction('A', 'things/{id}', ['GET']), httpFunction('B', 'Things/{key}', ['GET', 'POST'])).ambiguities();
    expect(warnings).toEqual(['Functions "A" and "B" both serve /api/things/{id} and /api/Things/{key} for the same method: "A" wins here']);
  });

  it('are not reported for different methods, constraints or shapes', () => {
    expect(table(httpFunction('A', 'things/{id}', ['GET']), httpFunction('B', 'things/{key}', ['POST'])).ambiguities()).toEqual([]);
    expect(table(httpFunction('A', 'things/{id:int}', ['GET']), httpFunction('B', 'things/{slug}', ['GET'])).ambiguities()).toEqual([]);
    expect(table(httpFunction('A', 'things/{id}', ['GET']), httpFunction('B', 'things/{id}/parts', ['GET'])).ambiguities()).toEqual([]);
  });

  it('compare template shapes: names out, literals lower-cased, constraints and catch-alls kept, defaults optional', () => {
    expect(routeShape('api/Things/{id:int:min(1)}')).toBe('api/things/{:int:min(1)}');
    expect(routeShape('files/{*path}')).toBe(routeShape('Files/{*rest}'));
    expect(routeShape('files/{*path}')).not.toBe(routeShape('files/{path}'));
    expect(routeShape('page/{n=1}')).toBe(routeShape('page/{p?}'));
    expect(routeShape('x/{a:regex(^\\d{{2}}$)}')).toBe(routeShape('X/{b:regex(^\\d{{2}}$)}'));
    expect(routeShape('{name}.{ext}')).toBe(routeShape('{a}.{B}'));
  });
});
