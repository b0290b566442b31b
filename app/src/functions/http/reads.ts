// Validated reads of committed entity state, shared by the GET functions.
import type * as df from 'durable-functions';
import { CartStateSchema, InventoryStateSchema, OrdersStateSchema } from '../../contracts/state';
import { emptyCart } from '../../domain/cart';
import { emptyOrders } from '../../domain/orders';
import { initialInventory } from '../../entities/initialState';
import { cartId, inventoryId, ordersId } from '../../entities/names';
import { readState, type ValidationMemo } from './durable';

/** the catalog is read by nearly every request and changes far less often: its validation is memoized */
const inventoryMemo: ValidationMemo = { stored: undefined, value: undefined };
export const readInventory = (client: df.DurableClient) => readState(client, inventoryId(), InventoryStateSchema, initialInventory, inventoryMemo);
export const readCart = (client: df.DurableClient, userId: string) => readState(client, cartId(userId), CartStateSchema, emptyCart);
export const readOrders = (client: df.DurableClient, userId: string) => readState(client, ordersId(userId), OrdersStateSchema, emptyOrders);
