// One load phase: autocannon over loopback keep-alive connections (one request in flight per connection).
// The harness keeps its own figures rather than autocannon's summary: latencies with sub-millisecond precision
// (autocannon's histogram rounds to whole ms), the duration from start to the last response (autocannon only
// notices the end of a run at its next sample tick), and statuses tallied against what the scenario expects
// (a 409 for an out-of-stock checkout is a correct answer, a 500 is an error).
import autocannon from 'autocannon';

export interface LoadRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  body?: unknown;
}

export interface LoadPhase {
  origin: string;
  connections: number;
  /** seconds; ignored when amount is set */
  durationSec: number;
  /** a fixed number of requests instead of a duration */
  amount?: number;
  /** the i-th request of the phase (i counts across all connections) */
  request: (i: number) => LoadRequest;
  /** statuses that are correct answers */
  expectedStatuses: readonly number[];
  timeoutSec?: number;
}

export interface LoadResult {
  /** responses received */
  requests: number;
  /** from the start to the last response */
  durationSec: number;
  requestsPerSec: number;
  p50Ms: number;
  p99Ms: number;
  /** transport errors, timeouts and unexpected statuses */
  errors: number;
  statuses: Record<string, number>;
  /** a few unexpected answers, for the report */
  samples: string[];
  /** every response time in ms, sorted (to merge phases into one distribution) */
  latencies: Float64Array;
}

const JSON_HEADERS = { 'content-type': 'application/json' };

export function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export async function runLoad(phase: LoadPhase): Promise<LoadResult> {
  let counter = 0;
  const statuses: Record<string, number> = {};
  const samples: string[] = [];
  let unexpected = 0;
  let latencies = new Float64Array(1 << 16);
  let responses = 0;
  const started = performance.now();
  let lastResponse = started;

  const instance = autocannon({
    url: phase.origin,
    connections: phase.connections,
    ...(phase.amount !== undefined ? { amount: phase.amount } : { duration: phase.durationSec }),
    timeout: phase.timeoutSec ?? 30,
    sampleInt: 100,
    requests: [
      {
        setupRequest: (req) => {
          const next = phase.request(counter++);
          return next.body === undefined
            ? { ...req, method: next.method, path: next.path, headers: {}, body: '' }
            : { ...req, method: next.method, path: next.path, headers: JSON_HEADERS, body: JSON.stringify(next.body) };
        },
        onResponse: (status, body) => {
          statuses[status] = (statuses[status] ?? 0) + 1;
          if (!phase.expectedStatuses.includes(status)) {
            unexpected++;
            if (samples.length < 5) samples.push(`${status} ${String(body).slice(0, 300)}`);
          }
        },
      },
    ],
  });
  instance.on('response', (_client, _status, _bytes, responseTime) => {
    if (responses === latencies.length) {
      const grown = new Float64Array(latencies.length * 2);
      grown.set(latencies);
      latencies = grown;
    }
    latencies[responses++] = responseTime;
    lastResponse = performance.now();
  });
  const result = await instance;
  const sorted = latencies.subarray(0, responses).sort();
  const durationSec = (lastResponse - started) / 1000;
  return {
    requests: responses,
    durationSec,
    requestsPerSec: durationSec > 0 ? responses / durationSec : 0,
    p50Ms: percentile(sorted, 50),
    p99Ms: percentile(sorted, 99),
    // autocannon counts timeouts among its errors
    errors: result.errors + unexpected,
    statuses,
    samples,
    latencies: sorted,
  };
}
