// The peer runs the store's OWN pure domain (app/src/domain), request schemas (app/src/contracts) and error-code
// statuses (app/src/functions/http/status.ts, which imports nothing at run time), loaded from the app's build
// output, so Restate executes exactly the same cart, inventory and checkout logic, validation and error
// statuses as the store; only the durable machinery differs. `npm run bench` builds the app first.
import { createRequire } from 'node:module';
import type * as CartModule from '../../../app/src/domain/cart.ts';
import type * as CartViewModule from '../../../app/src/domain/cartView.ts';
import type * as CheckoutModule from '../../../app/src/domain/checkout.ts';
import type * as InventoryModule from '../../../app/src/domain/inventory.ts';
import type * as OrdersModule from '../../../app/src/domain/orders.ts';
import type * as StateModule from '../../../app/src/contracts/state.ts';
import type * as RequestsModule from '../../../app/src/contracts/requests.ts';
import type * as StatusModule from '../../../app/src/functions/http/status.ts';

const require = createRequire(import.meta.url);
const load = <T>(path: string): T => require(`../../../app/dist/src/${path}.js`) as T;

export const cart = load<typeof CartModule>('domain/cart');
export const cartView = load<typeof CartViewModule>('domain/cartView');
export const checkout = load<typeof CheckoutModule>('domain/checkout');
export const inventory = load<typeof InventoryModule>('domain/inventory');
export const orders = load<typeof OrdersModule>('domain/orders');
export const requests = load<typeof RequestsModule>('contracts/requests');
/** opens (and validates) a sealed chunk of older orders, as the app's Orders entity does */
export const { openChunkOf, checkedOrders } = load<typeof StateModule>('contracts/state');
export const { STATUS_OF } = load<typeof StatusModule>('functions/http/status');

export type { CartState } from '../../../app/src/domain/cart.ts';
export type { CartLine, InventoryItem, InventoryState, NewItem, SoldLine } from '../../../app/src/domain/inventory.ts';
export type { Order, OrdersState, StoredOrder } from '../../../app/src/domain/orders.ts';
export type { DomainError, Result } from '../../../app/src/domain/result.ts';
