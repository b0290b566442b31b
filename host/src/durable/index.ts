// Placeholder until the durable task hub lands: the host composes extensions through this factory.
import type { HostExtension, HostSettings } from '../contracts.js';

export function createDurableExtension(_settings: HostSettings): HostExtension {
  return {
    name: 'durabletask',
    triggerTypes: [],
    inputBindings: {},
    async start() {},
    async stop() {},
  };
}
