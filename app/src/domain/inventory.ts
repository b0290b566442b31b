// The catalog and its stock: one singleton Inventory entity holds every product (README "Entities").
// Semantics follow eShopOnContainers' CatalogItem: adding stock caps at maxStockThreshold and clears
// onReorder; removing stock never goes below zero; onReorder marks items at or under restockThreshold.
import { fromCents, toCents } from './money';
import { fail, ok, type Result } from './result';

export interface InventoryItem {
  id: string;
  description: string;
  /** price in currency units with at most two decimals (arithmetic in cents: money.ts) */
  price: number;
  availableStock: number;
  restockThreshold: number;
  maxStockThreshold: number;
  onReorder: boolean;
  /** optional display fields */
  origin?: string;
  roast?: string;
}

export interface CartLine {
  itemId: string;
  quantity: number;
}

/** A line as sold: the description and price of the moment of the sale. */
export interface SoldLine extends CartLine {
  description: string;
  unitPrice: number;
}

/** A completed sale, remembered so a replayed commitSale (same checkoutId) is not applied twice. */
export interface SaleRecord {
  checkoutId: string;
  lines: SoldLine[];
}

export interface InventoryState {
  items: InventoryItem[];
  /** most recent sales first, at most MAX_REMEMBERED_SALES */
  recentSales: SaleRecord[];
}

export interface Shortage {
  itemId: string;
  requested: number;
  available: number;
}

/**
 * The most sales the inventory remembers for idempotency. Records are only needed while their checkout is
 * in flight (the checkout drops its record when it completes: forgetSale); this bound is a safety net.
 */
export const MAX_REMEMBERED_SALES = 256;

export const emptyInventory = (): InventoryState => ({ items: [], recentSales: [] });

export type NewItem = Omit<InventoryItem, 'onReorder'>;

export function findItem(state: Pick<InventoryState, 'items'>, itemId: string): InventoryItem | undefined {
  return state.items.find((item) => item.id === itemId);
}

export function getItem(state: InventoryState, itemId: string): Result<InventoryItem> {
  const item = findItem(state, itemId);
  return item ? ok(item) : fail('ItemNotFound', `No product '${itemId}' in the catalog.`, { itemId });
}

const isAtOrUnderThreshold = (item: Pick<InventoryItem, 'availableStock' | 'restockThreshold'>) =>
  item.availableStock <= item.restockThreshold;

export function createItem(state: InventoryState, input: NewItem): Result<{ state: InventoryState; item: InventoryItem }> {
  if (findItem(state, input.id)) {
    return fail('ItemAlreadyExists', `A product with id '${input.id}' already exists.`, { itemId: input.id });
  }
  if (input.restockThreshold > input.maxStockThreshold) {
    return fail('ValidationFailed', 'restockThreshold must not exceed maxStockThreshold.', {
      restockThreshold: input.restockThreshold,
      maxStockThreshold: input.maxStockThreshold,
    });
  }
  if (input.availableStock > input.maxStockThreshold) {
    return fail('ValidationFailed', 'availableStock must not exceed maxStockThreshold.', {
      availableStock: input.availableStock,
      maxStockThreshold: input.maxStockThreshold,
    });
  }
  // a price that passed the two-decimal check may still carry float noise (0.30000000000000004): store the
  // number that prints with at most two decimals
  const item: InventoryItem = { ...input, price: fromCents(toCents(input.price)), onReorder: isAtOrUnderThreshold(input) };
  return ok({ state: { ...state, items: [...state.items, item] }, item });
}

/** Adds units up to maxStockThreshold (the excess is not stored) and clears onReorder. */
export function addStock(state: InventoryState, itemId: string, quantity: number): Result<{ state: InventoryState; item: InventoryItem }> {
  const found = getItem(state, itemId);
  if (!found.ok) return found;
  const current = found.value;
  const item: InventoryItem = {
    ...current,
    availableStock: Math.min(current.availableStock + quantity, current.maxStockThreshold),
    onReorder: false,
  };
  return ok({ state: replaceItem(state, item), item });
}

/** Removes up to `quantity` units, never below zero; marks onReorder at or under restockThreshold. */
export function removeStock(item: InventoryItem, quantity: number): InventoryItem {
  const availableStock = Math.max(0, item.availableStock - quantity);
  return { ...item, availableStock, onReorder: item.onReorder || availableStock <= item.restockThreshold };
}

/** Every line short of stock (an unknown product counts as 0 available). */
export function findShortages(state: InventoryState, lines: readonly CartLine[]): Shortage[] {
  const shortages: Shortage[] = [];
  for (const line of lines) {
    const available = findItem(state, line.itemId)?.availableStock ?? 0;
    if (available < line.quantity) shortages.push({ itemId: line.itemId, requested: line.quantity, available });
  }
  return shortages;
}

/**
 * Removes the stock of every line or of none (one entity operation, so atomic) and returns the lines with
 * the prices of this moment. Idempotent by checkoutId: a replayed call returns the recorded sale unchanged.
 */
export function commitSale(
  state: InventoryState,
  checkoutId: string,
  lines: readonly CartLine[],
): Result<{ state: InventoryState; sold: SoldLine[] }> {
  const previous = state.recentSales.find((sale) => sale.checkoutId === checkoutId);
  if (previous) return ok({ state, sold: previous.lines });
  if (lines.length === 0) return fail('EmptyCart', 'Nothing to sell: the cart is empty.');
  const merged = mergeLines(lines);
  const shortages = findShortages(state, merged);
  if (shortages.length > 0) {
    return fail('OutOfStock', 'Not enough stock for every line; nothing was sold.', { shortages });
  }
  let next = state;
  const sold: SoldLine[] = [];
  for (const line of merged) {
    const item = findItem(next, line.itemId)!;
    next = replaceItem(next, removeStock(item, line.quantity));
    sold.push({ itemId: item.id, quantity: line.quantity, description: item.description, unitPrice: item.price });
  }
  const recentSales = [{ checkoutId, lines: sold }, ...next.recentSales].slice(0, MAX_REMEMBERED_SALES);
  return ok({ state: { ...next, recentSales }, sold });
}

/**
 * Drops the record of a finished sale: once its checkout has completed, commitSale for it can no longer be
 * replayed, and keeping records would make every Inventory operation parse an ever larger state.
 */
export function forgetSale(state: InventoryState, checkoutId: string): InventoryState {
  return state.recentSales.some((sale) => sale.checkoutId === checkoutId)
    ? { ...state, recentSales: state.recentSales.filter((sale) => sale.checkoutId !== checkoutId) }
    : state;
}

/**
 * Undoes a recorded sale whose checkout could not finish (e.g. its order could not be recorded): the sold
 * units go back to the shelf (capped at maxStockThreshold, as any addition of stock) and the record is
 * dropped. Idempotent by checkoutId: without a record (never sold, already cancelled or forgotten) nothing
 * changes.
 */
export function cancelSale(state: InventoryState, checkoutId: string): InventoryState {
  const sale = state.recentSales.find((s) => s.checkoutId === checkoutId);
  if (!sale) return state;
  let next: InventoryState = { ...state, recentSales: state.recentSales.filter((s) => s !== sale) };
  for (const line of sale.lines) {
    const item = findItem(next, line.itemId);
    if (item) next = replaceItem(next, returnStock(item, line.quantity));
  }
  return next;
}

/** Puts units back (capped at maxStockThreshold); onReorder stays set only while at or under the threshold. */
function returnStock(item: InventoryItem, quantity: number): InventoryItem {
  const availableStock = Math.min(item.availableStock + quantity, item.maxStockThreshold);
  return { ...item, availableStock, onReorder: item.onReorder && availableStock <= item.restockThreshold };
}

/** Lines for the same product added together, first-seen order kept. */
export function mergeLines(lines: readonly CartLine[]): CartLine[] {
  const merged: CartLine[] = [];
  for (const line of lines) {
    const existing = merged.find((m) => m.itemId === line.itemId);
    if (existing) existing.quantity += line.quantity;
    else merged.push({ itemId: line.itemId, quantity: line.quantity });
  }
  return merged;
}

function replaceItem(state: InventoryState, item: InventoryItem): InventoryState {
  return { ...state, items: state.items.map((existing) => (existing.id === item.id ? item : existing)) };
}

/** Products per page of GET /api/store?limit=n (at most), and products one ?ids= may name. */
export const MAX_CATALOG_PAGE_SIZE = 1000;
export const MAX_CATALOG_IDS = 100;

export interface CatalogPage {
  items: InventoryItem[];
  /** the id to pass as `after` for the next page; absent on the last page */
  next?: string;
}

/**
 * One page of the catalog in its stored order (products are only ever appended): `limit` products after the
 * one whose id is `after` (from the first when absent). An id is a stable cursor; an unknown one is a
 * ValidationFailed, not an empty page, so a client never mistakes a bad cursor for the end.
 */
export function pageCatalog(state: Pick<InventoryState, 'items'>, limit: number, after: string | undefined): Result<CatalogPage> {
  let start = 0;
  if (after !== undefined) {
    const at = state.items.findIndex((item) => item.id === after);
    if (at < 0) return fail('ValidationFailed', `The cursor 'after=${after}' is not a product of the catalog.`, { issues: [{ path: 'after', message: 'not a product of the catalog' }] });
    start = at + 1;
  }
  const items = state.items.slice(start, start + limit);
  const more = start + items.length < state.items.length;
  return ok(more && items.length > 0 ? { items, next: items[items.length - 1]!.id } : { items });
}

/** The products with these ids, in the order asked, each once; ids not in the catalog are left out. */
export function selectItems(state: Pick<InventoryState, 'items'>, ids: readonly string[]): InventoryItem[] {
  const byId = new Map(state.items.map((item) => [item.id, item]));
  return [...new Set(ids)].flatMap((id) => byId.get(id) ?? []);
}
