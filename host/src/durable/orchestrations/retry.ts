// Retry timing of CallActivityWithRetry (spec §5.7, DTFx RetryInterceptor): the delay after failed attempt k
// (1-based) is firstRetryInterval × backoffCoefficient^(k-1), capped at maxRetryInterval. After the last
// attempt a timer is still created (firing at once) because the library waits for it before failing.
import type { RetryOptions } from '../protocol/actions.js';

export function retryDelayMs(options: RetryOptions, failedAttempt: number): number {
  if (failedAttempt >= options.maxNumberOfAttempts) return 0;
  const coefficient = typeof options.backoffCoefficient === 'number' && options.backoffCoefficient > 0 ? options.backoffCoefficient : 1;
  let delay = options.firstRetryIntervalInMilliseconds * Math.pow(coefficient, failedAttempt - 1);
  const cap = options.maxRetryIntervalInMilliseconds;
  if (typeof cap === 'number' && cap > 0) delay = Math.min(delay, cap);
  return Number.isFinite(delay) && delay > 0 ? delay : 0;
}

export function validRetryOptions(o: unknown): o is RetryOptions {
  const r = o as Partial<RetryOptions> | null;
  return (
    typeof r === 'object' && r !== null &&
    typeof r.firstRetryIntervalInMilliseconds === 'number' && r.firstRetryIntervalInMilliseconds > 0 &&
    typeof r.maxNumberOfAttempts === 'number' && r.maxNumberOfAttempts >= 1
  );
}
