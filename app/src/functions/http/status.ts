// The ONE place where domain error codes become HTTP statuses.
import type { ErrorCode } from '../../domain/result';

export const STATUS_OF: { [K in ErrorCode]: number } = {
  ValidationFailed: 400,
  MalformedJson: 400,
  UnsupportedMediaType: 415,
  Unauthorized: 401,
  Forbidden: 403,
  ItemNotFound: 404,
  ItemNotInCart: 404,
  OrderNotFound: 404,
  NotFound: 404,
  ItemAlreadyExists: 409,
  OutOfStock: 409,
  EmptyCart: 409,
  CheckoutInProgress: 409,
  CheckoutReleased: 409,
  CheckoutNotFound: 404,
  CorruptState: 500,
  Internal: 500,
  Timeout: 503,
};
