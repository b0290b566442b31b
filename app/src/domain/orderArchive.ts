// Sealed chunks of a customer's older orders (app/README.md, "Entities"). Orders never change once placed,
// so the Orders entity keeps only its newest orders as JSON objects and packs older ones, a fixed number
// at a time, into one compressed string each: loading, storing and reading the entity's state then costs
// a fraction of the plain history's, and a page of orders opens at most two chunks. Each chunk keeps the
// first characters of its orders' ids beside the compressed data, so finding an order by id opens only a
// chunk that may hold it. Pure Node (zlib), no Azure import.
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { StoredOrder } from './orders';

/** Characters of an order id kept per archived order (ids from checkoutIdFor are hex: 8 give 32 bits). */
export const KEY_LENGTH = 8;

export interface ArchivedChunk {
  /** for each of the chunk's orders, oldest first, its id's first KEY_LENGTH characters ('.'-padded), concatenated */
  keys: string;
  /** the chunk's orders, oldest first, as JSON text compressed with raw DEFLATE, in base64 */
  data: string;
}

/** The key an id is filed under ('.' is outside the id charset, so a short id never matches a longer one). */
export const keyOf = (id: string) => id.slice(0, KEY_LENGTH).padEnd(KEY_LENGTH, '.');

export function sealChunk(orders: readonly StoredOrder[]): ArchivedChunk {
  return { keys: orders.map((o) => keyOf(o.id)).join(''), data: deflateRawSync(JSON.stringify(orders)).toString('base64') };
}

/** The JSON value a chunk holds (not validated: the caller checks it). Throws on data that does not inflate or parse. */
export function unsealChunk(chunk: ArchivedChunk): unknown {
  return JSON.parse(inflateRawSync(Buffer.from(chunk.data, 'base64')).toString('utf8'));
}

export const chunkSize = (chunk: ArchivedChunk) => Math.floor(chunk.keys.length / KEY_LENGTH);

/** Whether the chunk may hold this id (an order whose id starts the same way); false means it does not. */
export function mayHold(chunk: ArchivedChunk, id: string): boolean {
  const key = keyOf(id);
  for (let at = chunk.keys.indexOf(key); at >= 0; at = chunk.keys.indexOf(key, at + 1)) if (at % KEY_LENGTH === 0) return true;
  return false;
}
