// Sealed chunks of a customer's older orders (app/README.md, "Entities"). Orders never change once placed,
// so the Orders entity keeps only its newest orders as JSON objects and packs older ones, a fixed number
// at a time, into one compressed string each: loading, storing and reading the entity's state then costs
// about the same for a customer with 10,000 orders as for one with 50, and a page of orders opens at
// most two chunks. Pure Node (zlib), no Azure import.
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { Order } from './orders';

export interface ArchivedChunk {
  /** the ids of the chunk's orders, oldest first, separated by single spaces (ids never contain one) */
  ids: string;
  /** the chunk's orders, oldest first, as JSON text compressed with raw DEFLATE, in base64 */
  data: string;
}

export function sealChunk(orders: readonly Order[]): ArchivedChunk {
  return { ids: orders.map((o) => o.id).join(' '), data: deflateRawSync(JSON.stringify(orders)).toString('base64') };
}

/** The JSON value a chunk holds (not validated: the caller checks it). Throws on data that does not inflate or parse. */
export function unsealChunk(chunk: ArchivedChunk): unknown {
  return JSON.parse(inflateRawSync(Buffer.from(chunk.data, 'base64')).toString('utf8'));
}

export const chunkIds = (chunk: ArchivedChunk): string[] => chunk.ids.split(' ');
