// fast-check generators of hostile input, each invalid by construction (the fuzz test also checks them
// against an independent oracle, so a generator that drifts into valid input is caught, not trusted).
import fc from 'fast-check';

export const ID = /^[A-Za-z0-9_-]{1,64}$/;

/** Route ids the app must refuse: other characters, unicode, overlong, injection-looking. */
export const hostileId: fc.Arbitrary<string> = fc
  .oneof(
    fc.string({ minLength: 1, maxLength: 80, unit: 'grapheme' }),
    fc.string({ minLength: 1, maxLength: 20, unit: 'binary-ascii' }),
    fc.stringMatching(/^[A-Za-z0-9_-]{65,300}$/),
    fc.constantFrom('a b', 'ü', '😀', 'ＡＢＣ', 'a\u0000b', '<script>', "' OR 1=1 --", '$where', 'a.b', '...', '%', '%2e', 'a/b', 'a\\b', '\u202e', 'x'.repeat(65), '🀄'.repeat(40)),
  )
  // not an id; and not a dot segment, which URL normalization turns into another path (not the route under test)
  .filter((s) => !ID.test(s) && !/^\.{1,2}$/.test(s) && !/^(%2e|\.){1,2}$/i.test(encodeURIComponent(s)));

/** Path segment for an id: percent-encoded, so the route matches and the app sees the raw value. */
export const segment = (id: string) => encodeURIComponent(id);

/** JSON values that are not a valid quantity (wrong types, huge, negative, fractional, non-finite). */
export const badQuantity: fc.Arbitrary<unknown> = fc.oneof(
  fc.integer({ max: 0 }),
  fc.integer({ min: 10_001 }),
  fc.constantFrom(1e6, 1e21, Number.MAX_SAFE_INTEGER + 2, 2 ** 53, -1, 0.5, 1.0000001, 9999.99, 1e-7),
  fc.double({ noNaN: true }).filter((n) => !Number.isInteger(n) || n < 1 || n > 10_000),
  fc.string({ maxLength: 10 }),
  fc.constantFrom('1', '10', ' 1', '1e2', true, false, null, [], [1], {}, { quantity: 1 }),
);

/** Text that is not JSON (and not blank, which means "the default"). */
export const malformedJson: fc.Arbitrary<string> = fc
  .oneof(
    fc.string({ minLength: 1, maxLength: 200 }),
    fc.constantFrom('{', '{"quantity": 1', '{quantity: 1}', "{'quantity': 1}", '{"quantity": 1,}', '[1,]', 'NaN', 'undefined', '0x10', '1_0', '{"quantity": 01}', '\u0000', '{"a":1}}', '//'),
    fc.jsonValue().map((v) => JSON.stringify(v) + '}'),
  )
  .filter((text) => text.trim() !== '' && !parses(text));

function parses(text: string) {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

const PROTO_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', '__defineGetter__', 'valueOf'];

/** Quantity bodies (raw text) that must be refused: wrong shapes, wrong types, prototype keys, duplicates. */
export const badQuantityBody: fc.Arbitrary<string> = fc.oneof(
  badQuantity.map((quantity) => JSON.stringify({ quantity })),
  badQuantity.map((quantity) => `{"quantity": 1, "quantity": ${JSON.stringify(quantity)}}`), // the last duplicate wins
  fc.constantFrom(...PROTO_KEYS).map((key) => `{"${key}": {"quantity": 1}}`),
  fc.constantFrom(...PROTO_KEYS).map((key) => `{"quantity": 1, "${key}": {"isAdmin": true}}`),
  fc.constantFrom('{"constructor": {"prototype": {"quantity": 1}}}', '{"quantity": 1e400}', '{"quantity": -1e400}', '{"quantity": 1e-400}', '{"quantity": 1, "extra": null}', '[{"quantity": 1}]', '"quantity"', '1', 'null', 'true', '{}', '{"Quantity": 1}', '{"quantity ": 1}', '{"qu\\u0061ntity": 2.5}'),
  fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
  malformedJson,
);

export const validProduct = {
  id: 'fz-new', description: 'Fuzz beans', price: 12.5, availableStock: 10, restockThreshold: 2, maxStockThreshold: 20,
};
const PRODUCT_KEYS = ['id', 'description', 'price', 'availableStock', 'restockThreshold', 'maxStockThreshold', 'onReorder', 'origin', 'roast'];

const badCount = fc.oneof(fc.integer({ max: -1 }), fc.integer({ min: 1_000_001 }), fc.constantFrom(0.5, 1e21, -0.1, '10', null, true, [], {}));
const badText = (max: number) => fc.oneof(fc.constantFrom('', '   ', '\t\n'), fc.string({ minLength: max + 1, maxLength: max + 50 }).filter((s) => s.trim().length > max), fc.constantFrom(1, null, true, [], {}));

/** Create-product bodies (raw text) that must be refused: one field broken, a key missing or unknown. */
export const badProductBody: fc.Arbitrary<string> = fc.oneof(
  hostileId.map((id) => ({ ...validProduct, id })),
  badText(200).map((description) => ({ ...validProduct, description })),
  fc.oneof(fc.double({ max: -0.01, noNaN: true }), fc.double({ min: 100_000.01, noNaN: true }), fc.integer({ min: 0, max: 9999 }).map((n) => n + 0.005), fc.constantFrom('12.50', null, true, 1e400, -1e400)).map((price) => ({ ...validProduct, price })),
  fc.tuple(fc.constantFrom('availableStock', 'restockThreshold', 'maxStockThreshold'), badCount).map(([key, value]) => ({ ...validProduct, [key]: value })),
  fc.integer({ min: 21, max: 1_000_000 }).map((n) => ({ ...validProduct, restockThreshold: n })), // above maxStockThreshold 20
  fc.integer({ min: 21, max: 1_000_000 }).map((n) => ({ ...validProduct, availableStock: n })),
  fc.constantFrom(0, 1, 'true', null, []).map((onReorder) => ({ ...validProduct, onReorder })),
  fc.tuple(fc.constantFrom('origin', 'roast'), badText(100)).map(([key, value]) => ({ ...validProduct, [key]: value })),
  fc.constantFrom('description', 'price', 'availableStock', 'restockThreshold', 'maxStockThreshold').map((key) => {
    const copy: Record<string, unknown> = { ...validProduct };
    delete copy[key];
    return copy;
  }),
  fc.tuple(fc.string({ minLength: 1, maxLength: 20 }).filter((k) => !PRODUCT_KEYS.includes(k)), fc.jsonValue({ maxDepth: 2 })).map(([key, value]) => ({ ...validProduct, [key]: value })),
  fc.jsonValue({ maxDepth: 3 }),
).map((body) => JSON.stringify(body));

export const protoProductBodies = PROTO_KEYS.flatMap((key) => [
  `{"${key}": {"isAdmin": true}}`,
  JSON.stringify(validProduct).replace('{', `{"${key}": {"availableStock": 999}, `),
]);

/** Values for DELETE ?quantity= that must be refused (the raw query text after `quantity=`). */
export const badQuantityQuery: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('0', '-1', '1.5', '1e3', '0x10', 'abc', '', '%20', '+1', '1%00', '10001', '9999999', '1,2', '1&quantity=2', 'NaN', 'Infinity', '%F0%9F%98%80', '00000000'),
  fc.integer({ min: 10_001, max: 999_999 }).map(String),
  fc.string({ minLength: 1, maxLength: 12 }).filter((s) => !/^[0-9]{1,6}$/.test(s)).map(encodeURIComponent),
);

/** Idempotency-Key header values the app must refuse (header-safe: Latin-1, no CR/LF, no outer blanks). */
export const badIdempotencyKey: fc.Arbitrary<string> = fc
  .oneof(
    fc.string({ minLength: 1, maxLength: 40, unit: fc.constantFrom(...' !"#$%&\'()*+,./:;<=>?@[\\]^`{|}~äöü\u00a0'.split('')) }),
    fc.stringMatching(/^[A-Za-z0-9_-]{65,200}$/),
    fc.tuple(fc.stringMatching(/^[A-Za-z0-9_-]{1,10}$/), fc.constantFrom('.', ' x', '/', ':', ';', 'é')).map(([a, b]) => a + b),
  )
  .map((s) => s.trim())
  .filter((s) => s !== '' && !ID.test(s));

export const wrongContentType = fc.constantFrom(
  'text/plain', 'text/plain; charset=utf-8', 'application/xml', 'text/html', 'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=xyz', 'application/jsonx', 'application/octet-stream', 'image/png', 'json', 'application/json-patch',
);
