// A system under test: something serving the store's routes on a loopback origin.
import type { LoadRequest } from '../harness/load.ts';

export type SystemName = 'store' | 'ceiling' | 'restate';

export interface SystemUnderTest {
  readonly name: SystemName;
  readonly origin: string;
  /** one operation signalled to the singleton inventory: add one unit of stock to `itemId` */
  signalAddStock(itemId: string): LoadRequest;
  /** what the durable host has done so far (the store only: GET /admin/host/durable/counters, host README "Cost per request") */
  counters?(): Promise<Record<string, number>>;
  /** the process serving it, when it is one of ours (the store's host: its RSS is measured) */
  readonly pid?: number;
  stop(): Promise<void>;
}

/** The host's durable client API signal route (host README "Durable task hub": 202 once the signal is committed); the ceiling serves it too. */
export const durableSignalAddStock = (itemId: string): LoadRequest => ({
  method: 'POST',
  path: '/runtime/webhooks/durabletask/entities/Inventory/store?op=addStock',
  body: { itemId, quantity: 1 },
});
