// The Orders entity: one instance per customer (key = userId) holding all of that customer's orders.
import * as df from 'durable-functions';
import { OrdersOps } from '../contracts/operations';
import { OrdersStateSchema } from '../contracts/state';
import { addOrder, emptyOrders, getOrder, listOrders, type OrdersState } from '../domain/orders';
import { ok } from '../domain/result';
import { ORDERS_ENTITY } from './names';
import { entityHandler, operation, type EntityDefinition } from './operation';

export const ordersDefinition: EntityDefinition<OrdersState> = {
  name: ORDERS_ENTITY,
  state: OrdersStateSchema,
  initial: emptyOrders,
  operations: {
    add: operation(OrdersOps.add, (state: OrdersState, { order }) => {
      const r = addOrder(state, order);
      return { state: r.state, result: ok(r.order) };
    }),
    get: operation(OrdersOps.get, (state: OrdersState, { orderId }) => ({ result: getOrder(state, orderId) })),
    list: operation(OrdersOps.list, (state: OrdersState) => ({ result: ok(listOrders(state)) })),
  },
};

df.app.entity(ORDERS_ENTITY, entityHandler(ordersDefinition));
