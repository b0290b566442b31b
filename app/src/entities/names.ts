// Entity names and the fixed key of the singleton inventory (a constant, never generated at run time).
import * as df from 'durable-functions';

export const INVENTORY_ENTITY = 'Inventory';
export const CART_ENTITY = 'ShoppingCart';
export const ORDERS_ENTITY = 'Orders';

/** The one Inventory instance holding every product. */
export const INVENTORY_KEY = 'store';

export const inventoryId = () => new df.EntityId(INVENTORY_ENTITY, INVENTORY_KEY);
export const cartId = (userId: string) => new df.EntityId(CART_ENTITY, userId);
export const ordersId = (userId: string) => new df.EntityId(ORDERS_ENTITY, userId);
