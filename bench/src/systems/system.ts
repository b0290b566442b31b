// A system under test: something serving the store's routes on a loopback origin.
import type { LoadRequest } from '../harness/load.ts';

export type SystemName = 'store' | 'ceiling' | 'restate';

export interface SystemUnderTest {
  readonly name: SystemName;
  readonly origin: string;
  /** one operation signalled to the singleton inventory: add one unit of stock to `itemId` */
  signalAddStock(itemId: string): LoadRequest;
  stop(): Promise<void>;
}
