// The Orders entity: one instance per customer (key = userId) holding all of that customer's orders. Its
// state keeps the newest orders as objects and older ones in sealed chunks (domain/orders.ts), so what a
// batch loads and validates does not grow with the history; a chunk is opened (and its orders validated)
// only by an operation that needs an order in it. The order list is read with readEntityState
// (functions/OrderList.ts), not through an operation: app/README.md, "Entities".
import * as df from 'durable-functions';
import { OrdersOps } from '../contracts/operations';
import { openChunkOf, OrdersStateSchema } from '../contracts/state';
import { addOrder, emptyOrders, getOrder, releaseCheckout, type OrdersState } from '../domain/orders';
import { ok } from '../domain/result';
import { ORDERS_ENTITY } from './names';
import { entityHandler, operation, type EntityDefinition } from './operation';

export const ordersDefinition: EntityDefinition<OrdersState> = {
  name: ORDERS_ENTITY,
  state: OrdersStateSchema,
  initial: emptyOrders,
  operations: {
    add: operation(OrdersOps.add, (state: OrdersState, { order }, key) => {
      const r = addOrder(state, order, openChunkOf(ORDERS_ENTITY, key));
      return r.ok ? { state: r.value.state, result: ok(r.value.order) } : { result: r };
    }),
    release: operation(OrdersOps.release, (state: OrdersState, { checkoutId }, key) => {
      const r = releaseCheckout(state, checkoutId, openChunkOf(ORDERS_ENTITY, key));
      return r.ok ? { state: r.value.state, result: ok(r.value.order) } : { result: r };
    }),
    get: operation(OrdersOps.get, (state: OrdersState, { orderId }, key) => ({ result: getOrder(state, orderId, openChunkOf(ORDERS_ENTITY, key)) })),
  },
};

df.app.entity(ORDERS_ENTITY, entityHandler(ordersDefinition));
