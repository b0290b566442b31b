// The Orders entity: one instance per customer (key = userId) holding all of that customer's orders. Its
// state keeps the newest orders as objects and older ones in sealed chunks (domain/orders.ts), so what a
// batch loads and validates does not grow with the history; a chunk is opened (and its orders validated)
// only by an operation that needs an order in it. The order list is read with readEntityState
// (functions/OrderList.ts), not through an operation: app/README.md, "Entities".
import * as df from 'durable-functions';
import { OrdersOps } from '../contracts/operations';
import { checkedOrders, openChunkOf, OrdersStateSchema } from '../contracts/state';
import { addOrder, emptyOrders, getOrder, releaseCheckout, type Order, type OrdersState, type StoredOrder } from '../domain/orders';
import { ok, type Result } from '../domain/result';
import { ORDERS_ENTITY } from './names';
import { entityHandler, operation, type EntityDefinition } from './operation';

/** An order about to be returned, checked in full (loading checked only its id and time). */
function checkedOrder(key: string, order: StoredOrder): Result<Order> {
  const checked = checkedOrders(ORDERS_ENTITY, key, [order]);
  return checked.ok ? ok(checked.value[0]!) : checked;
}

export const ordersDefinition: EntityDefinition<OrdersState> = {
  name: ORDERS_ENTITY,
  state: OrdersStateSchema,
  initial: emptyOrders,
  operations: {
    add: operation(OrdersOps.add, (state: OrdersState, { order }, key) => {
      const r = addOrder(state, order, openChunkOf(ORDERS_ENTITY, key));
      if (!r.ok) return { result: r };
      const returned = r.value.order === order ? ok(order) : checkedOrder(key, r.value.order); // a replay returns the stored one
      return returned.ok ? { state: r.value.state, result: returned } : { result: returned };
    }),
    release: operation(OrdersOps.release, (state: OrdersState, { checkoutId }, key) => {
      const r = releaseCheckout(state, checkoutId, openChunkOf(ORDERS_ENTITY, key));
      if (!r.ok) return { result: r };
      const returned = r.value.order === null ? ok(null) : checkedOrder(key, r.value.order);
      return returned.ok ? { state: r.value.state, result: returned } : { result: returned };
    }),
    get: operation(OrdersOps.get, (state: OrdersState, { orderId }, key) => {
      const found = getOrder(state, orderId, openChunkOf(ORDERS_ENTITY, key));
      return { result: found.ok ? checkedOrder(key, found.value) : found };
    }),
  },
};

df.app.entity(ORDERS_ENTITY, entityHandler(ordersDefinition));
