// Function-level retry policies (`retry` in app.timer options) as the Functions host applies them to timer
// triggers: after a failed execution, wait and run again, up to maxRetryCount retries (-1: no limit); the
// function sees context.retryContext { retryCount, maxRetryCount, exception }.
import { AppLoadError, type RegisteredFunction } from '../contracts.js';

export interface RetryPolicy {
  strategy: 'fixedDelay' | 'exponentialBackoff';
  /** -1: retry until it succeeds */
  maxRetryCount: number;
  /** the wait before retry number `retryCount` (1, 2, …) */
  delayMs(retryCount: number): number;
}

/** RpcDuration ({ seconds }) as @azure/functions' toRpcDuration produces it. */
function durationMs(value: unknown, what: string, fn: RegisteredFunction): number {
  const seconds = (value as { seconds?: unknown } | undefined)?.seconds;
  if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds < 0) {
    throw new AppLoadError(`Function "${fn.name}": retry.${what} must be a duration of 0 seconds or more`);
  }
  return seconds * 1000;
}

/** The function's retry policy, or undefined when it has none. */
export function retryPolicyOf(fn: RegisteredFunction): RetryPolicy | undefined {
  const options = fn.metadata.retryOptions as Record<string, unknown> | undefined | null;
  if (!options) return undefined;
  const strategy = String(options.retryStrategy ?? options.strategy ?? '');
  const maxRetryCount = options.maxRetryCount;
  if (typeof maxRetryCount !== 'number' || !Number.isInteger(maxRetryCount) || maxRetryCount < -1) {
    throw new AppLoadError(`Function "${fn.name}": retry.maxRetryCount must be an integer, -1 for no limit`);
  }
  if (strategy === 'fixedDelay') {
    const delay = durationMs(options.delayInterval, 'delayInterval', fn);
    return { strategy, maxRetryCount, delayMs: () => delay };
  }
  if (strategy === 'exponentialBackoff') {
    const min = durationMs(options.minimumInterval, 'minimumInterval', fn);
    const max = durationMs(options.maximumInterval, 'maximumInterval', fn);
    // doubling from the minimum, capped at the maximum (Azure adds a little jitter)
    return { strategy, maxRetryCount, delayMs: (retryCount) => Math.min(max, min * 2 ** Math.max(0, retryCount - 1)) };
  }
  throw new AppLoadError(`Function "${fn.name}": unknown retry strategy "${strategy}" (fixedDelay or exponentialBackoff)`);
}
