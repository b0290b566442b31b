// Domain failures are values, never exceptions: durable-functions serializes a thrown Error as "{}" and
// keeps any state already set (spec §4.6 Q1/Q2), so entities return these and glue maps them to HTTP.

/** Every failure the store can report. HTTP statuses for them live in ONE place: functions/http/status.ts. */
export const ERROR_CODES = [
  'ValidationFailed',
  'MalformedJson',
  'UnsupportedMediaType',
  'ItemNotFound',
  'ItemNotInCart',
  'ItemAlreadyExists',
  'OrderNotFound',
  'NotFound',
  'OutOfStock',
  'EmptyCart',
  'CheckoutInProgress',
  'CheckoutReleased',
  'CheckoutNotFound',
  'Unauthorized',
  'Forbidden',
  'CorruptState',
  'Timeout',
  'Internal',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface DomainError {
  code: ErrorCode;
  message: string;
  details?: unknown;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: DomainError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });

export const fail = <T = never>(code: ErrorCode, message: string, details?: unknown): Result<T> =>
  details === undefined ? { ok: false, error: { code, message } } : { ok: false, error: { code, message, details } };
