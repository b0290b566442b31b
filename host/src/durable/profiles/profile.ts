// Engine profiles (README "Engine profiles"): the same hub, with the latencies, consistency and limits of an
// Azure backend on demand. `local` is the fast default; `azure-storage` and `dts` make an app meet, on this
// machine, the delays and limits it will meet on Azure. Every figure names its source.
import { QueuePollers } from './queuePollers.js';

export const ENGINE_PROFILES = ['local', 'azure-storage', 'dts'] as const;
export type EngineProfileName = (typeof ENGINE_PROFILES)[number];

/** What a profile changes in the hub; `local` changes nothing. */
export interface EngineProfile {
  readonly name: EngineProfileName;
  /** host.json maxEntityOperationBatchSize when unset */
  readonly defaultMaxEntityOperationBatchSize: number;
  /** status reads of running instances held this long at most (undefined: DURABLE_STATUS_HOLD_MS / default) */
  readonly statusHoldMs?: number;
  /**
   * ms from its commit until a committed message reaches its consumer, per message (undefined: handed on at
   * once, the local group-commit rule). `fromClient`: sent by a DurableClient (an HTTP function), not by the engine.
   */
  messageDelay?(queue: MessageQueue, fromClient: boolean): number;
  /** ms from a step's commit until the new entity state / instance status is what clients read */
  readonly visibilityLagMs: number;
  /** payload limits enforced as errors the app sees (bytes of UTF-8 JSON) */
  readonly limits?: { readonly maxMessageBytes: number; readonly maxStateBytes: number; readonly source: string };
}

/** The queue a message travels on: a control-queue partition (orchestrations and entities) or the work-item queue (activities). */
export type MessageQueue = { kind: 'control'; target: string } | { kind: 'workItem' };

export const LOCAL_DEFAULT_BATCH_SIZE = 5000;

export interface ProfileSettings {
  /** host.json extensions.durableTask.storageProvider.maxQueuePollingInterval, in ms */
  maxQueuePollingIntervalMs: number;
  /** host.json extensions.durableTask.storageProvider.partitionCount */
  partitionCount: number;
}

/** DurableTask.AzureStorage AzureStorageOrchestrationServiceSettings.cs: DefaultMaxQueuePollingInterval */
export const DEFAULT_MAX_QUEUE_POLLING_INTERVAL_MS = 30_000;
/** DurableTask.AzureStorage AzureStorageOrchestrationServiceSettings.cs: PartitionCount default */
export const DEFAULT_PARTITION_COUNT = 4;
/**
 * One Azure Storage round trip (a queue GetMessages, a table or blob write) from a Functions instance in the
 * same region. Not a published figure (Azure publishes throughput targets, not latency): an estimate of the
 * order of magnitude, 10 ms.
 */
export const STORAGE_ROUND_TRIP_MS = 10;
/** One gRPC round trip between the worker and the Durable Task Scheduler: an estimate, 5 ms. */
export const DTS_ROUND_TRIP_MS = 5;
/** Durable Task Scheduler: payloads over 1 MB are refused (the Durable Task Scheduler repository's thread "Handling input payloads larger than 1MB"). */
export const DTS_MAX_PAYLOAD_BYTES = 1024 * 1024;

export function createProfile(name: EngineProfileName, settings: ProfileSettings): EngineProfile {
  switch (name) {
    case 'local':
      return { name, defaultMaxEntityOperationBatchSize: LOCAL_DEFAULT_BATCH_SIZE, visibilityLagMs: 0 };
    case 'azure-storage': {
      const pollers = new QueuePollers({ minIntervalMs: 50, maxIntervalMs: settings.maxQueuePollingIntervalMs, partitionCount: settings.partitionCount, roundTripMs: STORAGE_ROUND_TRIP_MS });
      return {
        name,
        // AzureStorageDurabilityProviderFactory.cs: 50 on Consumption plans (Flex Consumption included here), 5000 otherwise
        defaultMaxEntityOperationBatchSize: 50,
        // the extension reads the Instances table and answers at once (HttpApiHandler.cs HandleGetStatusRequestAsync)
        statusHoldMs: 0,
        messageDelay: (queue, fromClient) => pollers.delay(queue, fromClient),
        // the response is enqueued before the History and Instances tables are written (AzureStorageOrchestrationService.cs
        // CompleteTaskOrchestrationWorkItemAsync: outbound messages first, then the checkpoint): two storage writes
        visibilityLagMs: 2 * STORAGE_ROUND_TRIP_MS,
      };
    }
    case 'dts':
      return {
        name,
        defaultMaxEntityOperationBatchSize: 50,
        statusHoldMs: 0,
        // work items are pushed over a gRPC stream (no polling): one round trip per message
        messageDelay: () => DTS_ROUND_TRIP_MS,
        // a work item's completion (state, outgoing messages) is one call to the scheduler: no lag
        visibilityLagMs: 0,
        limits: { maxMessageBytes: DTS_MAX_PAYLOAD_BYTES, maxStateBytes: DTS_MAX_PAYLOAD_BYTES, source: "the Durable Task Scheduler's 1 MiB payload limit" },
      };
  }
}

/** host.json TimeSpan "hh:mm:ss[.fff]" or "d.hh:mm:ss" → ms */
export function parseTimeSpan(text: string): number | undefined {
  const m = /^(?:(\d+)\.)?(\d{1,2}):(\d{2}):(\d{2})(?:\.(\d{1,7}))?$/.exec(text.trim());
  if (!m) return undefined;
  const [, d = '0', h, min, s, frac = '0'] = m;
  return ((Number(d) * 24 + Number(h)) * 60 + Number(min)) * 60_000 + Number(s) * 1000 + Math.round(Number(`0.${frac}`) * 1000);
}

export function utf8Bytes(text: string | null | undefined): number {
  return text ? Buffer.byteLength(text, 'utf8') : 0;
}
