// The start-up listing, shaped like `func start`'s, with the key a route needs:
//   Functions:
//     StoreGet: [GET] http://localhost:7071/api/store
//     CheckoutReleasePost: [POST] http://localhost:7071/api/store/checkouts/{checkoutId}/release (function key)
//     Inventory: entityTrigger
import type { FunctionRegistry } from '../contracts.js';
import type { RouteTable } from '../http/routeTable.js';

export function functionListing(
  registry: FunctionRegistry,
  routes: RouteTable,
  origin: string,
  /** extra detail for non-HTTP functions, e.g. a timer's schedule */
  detail: (functionName: string) => string | undefined = () => undefined,
): string {
  const routeOf = new Map(routes.routes.map((route) => [route.fn, route]));
  const lines = ['Functions:'];
  const sorted = [...registry.all()].sort((a, b) => a.name.localeCompare(b.name));
  for (const fn of sorted) {
    const route = routeOf.get(fn);
    if (route) {
      const methods = route.methods ? [...route.methods].join(',') : 'ALL';
      // which routes need a key (on Azure; here with --enable-auth)
      const key = route.authLevel === 'function' ? ' (function key)' : route.authLevel === 'admin' ? ' (master key)' : '';
      lines.push(`  ${fn.name}: [${methods}] ${origin}/${route.displayPath}${key}`);
    } else {
      const extra = detail(fn.name);
      lines.push(`  ${fn.name}: ${fn.trigger.type}${extra ? ` (${extra})` : ''}`);
    }
  }
  if (sorted.length === 0) lines.push('  (none: the app registered no functions)');
  return lines.join('\n');
}
