// The store's logic as Restate virtual objects, mirroring the app's entities one to one: ONE Inventory object
// (key "store") with every product, one Cart per customer, one Orders per customer whose `checkout` handler
// plays the checkout saga of app/src/orchestrations/checkout.ts (freeze the cart, sell all lines or none,
// record the order, empty the cart, then a one-way forgetSale to the Inventory). The domain functions are
// the app's own (domain.ts); failures are returned as values like the app's.
import * as restate from '@restatedev/restate-sdk';
import {
  cart as cartDomain,
  cartView,
  checkout,
  inventory as inventoryDomain,
  checkedOrders,
  openChunkOf,
  orders as ordersDomain,
  type CartLine,
  type CartState,
  type InventoryItem,
  type InventoryState,
  type NewItem,
  type Order,
  type OrdersState,
  type StoredOrder,
  type Result,
  type SoldLine,
} from './domain.ts';

export const INVENTORY_KEY = 'store';
const STATE = 'state';

const loadInventory = async (ctx: restate.ObjectSharedContext) => (await ctx.get<InventoryState>(STATE)) ?? inventoryDomain.emptyInventory();
const loadCart = async (ctx: restate.ObjectSharedContext) => (await ctx.get<CartState>(STATE)) ?? cartDomain.emptyCart();
const loadOrders = async (ctx: restate.ObjectSharedContext) => (await ctx.get<OrdersState>(STATE)) ?? ordersDomain.emptyOrders();

export const inventoryObject = restate.object({
  name: 'Inventory',
  handlers: {
    /** the catalog (without the sales log), read concurrently with writes */
    items: restate.handlers.object.shared(async (ctx: restate.ObjectSharedContext): Promise<InventoryItem[]> => (await loadInventory(ctx)).items),
    createItem: async (ctx: restate.ObjectContext, item: NewItem): Promise<Result<InventoryItem>> => {
      const r = inventoryDomain.createItem(await loadInventory(ctx), item);
      if (!r.ok) return r;
      ctx.set(STATE, r.value.state);
      return { ok: true, value: r.value.item };
    },
    addStock: async (ctx: restate.ObjectContext, input: { itemId: string; quantity: number }): Promise<Result<InventoryItem>> => {
      const r = inventoryDomain.addStock(await loadInventory(ctx), input.itemId, input.quantity);
      if (!r.ok) return r;
      ctx.set(STATE, r.value.state);
      return { ok: true, value: r.value.item };
    },
    commitSale: async (ctx: restate.ObjectContext, input: { checkoutId: string; lines: CartLine[] }): Promise<Result<SoldLine[]>> => {
      const r = inventoryDomain.commitSale(await loadInventory(ctx), input.checkoutId, input.lines);
      if (!r.ok) return r;
      ctx.set(STATE, r.value.state);
      return { ok: true, value: r.value.sold };
    },
    /** drops the sale record kept for commitSale's idempotency once the checkout is complete */
    forgetSale: async (ctx: restate.ObjectContext, input: { checkoutId: string }): Promise<void> => {
      ctx.set(STATE, inventoryDomain.forgetSale(await loadInventory(ctx), input.checkoutId));
    },
  },
});

const inventoryOf = (ctx: restate.ObjectSharedContext) => ctx.objectClient(inventoryObject, INVENTORY_KEY);
const asInventory = (items: InventoryItem[]): InventoryState => ({ items, recentSales: [] });

export const cartObject = restate.object({
  name: 'Cart',
  handlers: {
    view: restate.handlers.object.shared(async (ctx: restate.ObjectSharedContext) => {
      const [cart, items] = [await loadCart(ctx), await inventoryOf(ctx).items()];
      return { ok: true, value: cartView.viewCart(ctx.key, cart, asInventory(items)) } as const;
    }),
    add: async (ctx: restate.ObjectContext, input: { itemId: string; quantity: number }) => {
      const items = await inventoryOf(ctx).items();
      const stock = items.find((item) => item.id === input.itemId)?.availableStock;
      const r = cartDomain.addToCart(await loadCart(ctx), input.itemId, input.quantity, stock);
      if (!r.ok) return r;
      ctx.set(STATE, r.value);
      return { ok: true, value: cartView.viewCart(ctx.key, r.value, asInventory(items)) } as const;
    },
    remove: async (ctx: restate.ObjectContext, input: { itemId: string; quantity?: number }) => {
      const r = cartDomain.removeFromCart(await loadCart(ctx), input.itemId, input.quantity);
      if (!r.ok) return r;
      ctx.set(STATE, r.value);
      return { ok: true, value: cartView.viewCart(ctx.key, r.value, asInventory(await inventoryOf(ctx).items())) } as const;
    },
    beginCheckout: async (ctx: restate.ObjectContext, input: { checkoutId: string }): Promise<Result<{ lines: CartLine[]; alreadyCompleted: boolean }>> => {
      const r = cartDomain.beginCheckout(await loadCart(ctx), input.checkoutId);
      if (!r.ok) return r;
      ctx.set(STATE, r.value.state);
      return { ok: true, value: { lines: r.value.lines, alreadyCompleted: r.value.alreadyCompleted } };
    },
    completeCheckout: async (ctx: restate.ObjectContext, input: { checkoutId: string }): Promise<void> => {
      ctx.set(STATE, cartDomain.completeCheckout(await loadCart(ctx), input.checkoutId));
    },
    abortCheckout: async (ctx: restate.ObjectContext, input: { checkoutId: string }): Promise<void> => {
      ctx.set(STATE, cartDomain.abortCheckout(await loadCart(ctx), input.checkoutId));
    },
  },
});

/** an order as the state keeps it, checked and returned in full, as the app's OrderGet does */
function fullOrder(key: string, stored: Result<StoredOrder>): Result<Order> {
  if (!stored.ok) return stored;
  const checked = checkedOrders('Orders', key, [stored.value]);
  return checked.ok ? { ok: true, value: checked.value[0]! } : checked;
}

export const ordersObject = restate.object({
  name: 'Orders',
  handlers: {
    /** the checkout orchestration: every step is journaled, so a crash resumes it where it stopped */
    checkout: async (ctx: restate.ObjectContext): Promise<Result<Order>> => {
      const checkoutId = ctx.rand.uuidv4();
      const cart = ctx.objectClient(cartObject, ctx.key);
      const begun = await cart.beginCheckout({ checkoutId });
      if (!begun.ok) return begun;
      if (begun.value.alreadyCompleted) return fullOrder(ctx.key, ordersDomain.getOrder(await loadOrders(ctx), checkoutId, openChunkOf('Orders', ctx.key)));
      const sale = await inventoryOf(ctx).commitSale({ checkoutId, lines: begun.value.lines });
      if (!sale.ok) {
        await cart.abortCheckout({ checkoutId });
        return sale;
      }
      const createdAt = new Date(await ctx.date.now()).toISOString();
      const order = checkout.buildOrder(checkoutId, ctx.key, createdAt, sale.value);
      const added = ordersDomain.addOrder(await loadOrders(ctx), order, openChunkOf('Orders', ctx.key));
      if (!added.ok) return added;
      ctx.set(STATE, added.value.state);
      await cart.completeCheckout({ checkoutId });
      ctx.objectSendClient(inventoryObject, INVENTORY_KEY).forgetSale({ checkoutId });
      return { ok: true, value: order };
    },
    get: restate.handlers.object.shared(async (ctx: restate.ObjectSharedContext, input: { orderId: string }) =>
      fullOrder(ctx.key, ordersDomain.getOrder(await loadOrders(ctx), input.orderId, openChunkOf('Orders', ctx.key)))),
    /** the first page, newest first, as the store's OrderList answers a plain GET */
    list: restate.handlers.object.shared(async (ctx: restate.ObjectSharedContext) => {
      const page = ordersDomain.pageOrders(await loadOrders(ctx), ordersDomain.DEFAULT_PAGE_SIZE, undefined, openChunkOf('Orders', ctx.key));
      return page.ok ? checkedOrders('Orders', ctx.key, page.value.orders) : page;
    }),
  },
});

export const services = [inventoryObject, cartObject, ordersObject];
