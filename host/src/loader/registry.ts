// The registry of functions the app registered, looked up case-insensitively (spec §1.4).
import type { BindingMetadata, FunctionMetadata, FunctionRegistry, RegisteredFunction } from '../contracts.js';

/** azf: utils/isTrigger.ts */
export function isTriggerType(type: string): boolean {
  return /trigger$/i.test(type);
}

export function toRegisteredFunction(
  metadata: FunctionMetadata,
  callback: (...args: unknown[]) => unknown,
): RegisteredFunction | string {
  const triggers = Object.entries(metadata.bindings).filter(([, binding]) => isTriggerType(binding.type));
  if (triggers.length !== 1) {
    return `function "${metadata.name}" must have exactly one trigger binding, found ${triggers.length}`;
  }
  const [triggerBindingName, trigger] = triggers[0] as [string, BindingMetadata];
  return { name: metadata.name, metadata, callback, triggerBindingName, trigger };
}

export class Registry implements FunctionRegistry {
  readonly #byName = new Map<string, RegisteredFunction>();
  readonly #all: RegisteredFunction[];

  constructor(functions: RegisteredFunction[]) {
    this.#all = functions;
    for (const fn of functions) this.#byName.set(fn.name.toLowerCase(), fn);
  }

  get(name: string): RegisteredFunction | undefined {
    return this.#byName.get(name) ?? this.#byName.get(name.toLowerCase());
  }

  all(): RegisteredFunction[] {
    return this.#all;
  }

  byTriggerType(type: string): RegisteredFunction[] {
    const wanted = type.toLowerCase();
    return this.#all.filter((fn) => fn.trigger.type.toLowerCase() === wanted);
  }
}
