// The Azure Storage queue pollers of the azure-storage profile, simulated lazily (no timers while idle).
// DurableTask.AzureStorage polls each control-queue partition and the work-item queue in a loop: a poll that
// finds messages resets the interval to 50 ms (TaskHubQueue.cs minPollingDelay); each empty poll grows it by
// a randomized exponential back-off (BackoffPollingHelper.cs: + 50 ms × 2^(n-1) × [0.8, 1.2]) up to
// maxQueuePollingInterval. A message enqueued by the polling process itself wakes the poller at once
// (TaskHubQueue.cs AddMessageAsync → backoffHelper.Reset()); one sent by a DurableClient is taken as coming
// from another instance (on Flex Consumption HTTP functions scale in their own group), so it waits for the
// next poll. Either way it costs a storage round trip (the GetMessages call).
import type { MessageQueue } from './profile.js';

interface Poller {
  /** when the last poll (simulated) happened */
  lastPollAt: number;
  /** the interval after that poll */
  interval: number;
  /** an empty-poll count since the last poll that found messages */
  exponent: number;
  /** the next poll that will find messages (already promised to some message), if any */
  nextHit: number | undefined;
}

export interface PollerSettings {
  minIntervalMs: number;
  maxIntervalMs: number;
  partitionCount: number;
  roundTripMs: number;
  random?: () => number;
}

export class QueuePollers {
  private readonly pollers = new Map<string, Poller>();
  private readonly random: () => number;

  constructor(private readonly s: PollerSettings) {
    this.random = s.random ?? Math.random;
  }

  /** ms until a message enqueued now on `queue` is dequeued by its poller */
  delay(queue: MessageQueue, fromClient: boolean, now = Date.now()): number {
    const name = queue.kind === 'workItem' ? 'workitems' : `control-${partitionOf(queue.target, this.s.partitionCount)}`;
    let p = this.pollers.get(name);
    if (!p) {
      // a poller that has been idle since the host started is at its longest interval
      p = { lastPollAt: now, interval: this.s.maxIntervalMs, exponent: 0, nextHit: undefined };
      p.lastPollAt = now - this.random() * this.s.maxIntervalMs;
      this.pollers.set(name, p);
    }
    let at: number;
    if (p.nextHit !== undefined && p.nextHit >= now) {
      at = p.nextHit; // joins the poll already on its way
    } else if (!fromClient) {
      at = now; // woken at once by its own process
    } else {
      // replay the empty polls since the last one, growing the interval, to find the next poll
      let t = p.lastPollAt + p.interval;
      while (t < now) {
        this.grow(p);
        t += p.interval;
      }
      at = t;
    }
    // this poll finds the message: the interval resets to the minimum
    p.nextHit = at;
    p.lastPollAt = at;
    p.interval = this.s.minIntervalMs;
    p.exponent = 1;
    return Math.max(0, at - now) + this.s.roundTripMs;
  }

  private grow(p: Poller): void {
    if (p.interval >= this.s.maxIntervalMs) return;
    const factor = 0.8 + this.random() * 0.4;
    const next = this.s.minIntervalMs + factor * 2 ** Math.max(0, p.exponent - 1) * this.s.minIntervalMs;
    p.exponent++;
    p.interval = Math.min(next, this.s.maxIntervalMs);
  }
}

/** DurableTask.AzureStorage assigns an instance to a control queue by a hash of its id (Utils.GetPartitionIndex); any stable hash will do here. */
function partitionOf(id: string, count: number): number {
  let h = 2166136261;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 16777619);
  return (h >>> 0) % count;
}
