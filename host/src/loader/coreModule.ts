// The `@azure/functions-core` module, supplied the way the Node worker supplies it (spec §1.2):
// Module.prototype.require is wrapped so that require('@azure/functions-core') returns this object.
// @azure/functions resolves it lazily on its first registration and caches the answer, so this must be
// installed before anything requires '@azure/functions' (spec §1.1). main.ts imports this module first.
import Module from 'node:module';

export type HookName = 'appStart' | 'appTerminate' | 'preInvocation' | 'postInvocation';
export type HookCallback = (context: Record<string, unknown>) => unknown;
export type CoreLogLevel = 'trace' | 'debug' | 'information' | 'warning' | 'error' | 'critical' | 'none';

/** The programming model object @azure/functions hands to setProgrammingModel (azf: ProgrammingModel.ts). */
export interface ProgrammingModel {
  name: string;
  version: string;
  getInvocationModel(coreCtx: unknown): InvocationModel;
  getCapabilities(capabilities: Record<string, string>): Promise<Record<string, string>>;
}

/** azf: InvocationModel.ts */
export interface InvocationModel {
  getArguments(): Promise<{ context: unknown; inputs: unknown[] }>;
  invokeFunction(context: unknown, inputs: unknown[], callback: (...args: unknown[]) => unknown): Promise<unknown>;
  getResponse(context: unknown, result: unknown): Promise<{ returnValue?: unknown; outputData?: unknown[] }>;
}

export interface RawRegistration {
  metadata: { name: string; functionId?: string; bindings: Record<string, unknown>; [key: string]: unknown };
  callback: (...args: unknown[]) => unknown;
}

/** What the host keeps of everything the app registered through the core module. */
export interface CoreState {
  registrations: Map<string, RawRegistration>;
  hooks: Record<HookName, HookCallback[]>;
  programmingModel: ProgrammingModel | undefined;
  /** set once the app is loaded: registerFunction is refused afterwards (wrk: coreApi/registerFunction.ts) */
  locked: boolean;
  /** first registration problem (duplicate name...), reported by the loader as an AppLoadError */
  registrationErrors: string[];
}

class Disposable {
  static from(...items: { dispose(): unknown }[]): Disposable {
    return new Disposable(() => items.forEach((item) => item.dispose()));
  }
  #callOnDispose: (() => unknown) | undefined;
  constructor(callOnDispose: () => unknown) {
    this.#callOnDispose = callOnDispose;
  }
  dispose(): void {
    this.#callOnDispose?.();
    this.#callOnDispose = undefined;
  }
}

/** Mirrors wrk: errors.ts AzFuncRangeError, so app.hook.log reports an unsupported host version. */
class AzFuncRangeError extends RangeError {
  isAzureFunctionsSystemError = true;
}

export const coreState: CoreState = {
  registrations: new Map(),
  hooks: { appStart: [], appTerminate: [], preInvocation: [], postInvocation: [] },
  programmingModel: undefined,
  locked: false,
  registrationErrors: [],
};

const coreApi = {
  version: '3.10.1',
  hostVersion: '4.1037.0',
  Disposable,
  registerFunction(metadata: RawRegistration['metadata'], callback: RawRegistration['callback']): Disposable {
    if (coreState.locked) {
      throw new Error('A function can only be registered during app startup.');
    }
    const id = metadata.functionId ?? metadata.name;
    // Names are case-insensitive for the host (spec §1.4), so "Cart" and "cart" collide.
    const key = String(metadata.name).toLowerCase();
    if (coreState.registrations.has(key)) {
      const message = `A function with the name "${metadata.name}" has already been registered.`;
      coreState.registrationErrors.push(message);
      throw new Error(message);
    }
    coreState.registrations.set(key, { metadata: { ...metadata, functionId: id }, callback });
    return new Disposable(() => {
      if (coreState.locked) throw new Error('A function can only be disposed during app startup.');
      coreState.registrations.delete(key);
    });
  },
  registerHook(hookName: string, callback: HookCallback): Disposable {
    if (!Object.hasOwn(coreState.hooks, hookName)) {
      throw new AzFuncRangeError(`Unrecognized hook "${hookName}"`);
    }
    const list = coreState.hooks[hookName as HookName];
    list.push(callback);
    return new Disposable(() => {
      const index = list.indexOf(callback);
      if (index >= 0) list.splice(index, 1);
    });
  },
  setProgrammingModel(programmingModel: ProgrammingModel): void {
    coreState.programmingModel = programmingModel;
  },
  getProgrammingModel(): ProgrammingModel | undefined {
    return coreState.programmingModel;
  },
  /** system/user logs written through coreApi.log outside an invocation: only warnings and errors matter */
  log(level: CoreLogLevel, _category: string, message: string): void {
    if (level === 'warning') console.warn(message);
    else if (level === 'error' || level === 'critical') console.error(message);
  },
};


// wrk: setupCoreModule.ts — a Proxy over require that answers one module id and defers the rest.
const proto = Module.prototype as unknown as { require: (id: string) => unknown };
if (!(globalThis as Record<string, unknown>).__localFuncHostCore) {
  (globalThis as Record<string, unknown>).__localFuncHostCore = coreApi;
  proto.require = new Proxy(proto.require, {
    apply(target, thisArg, argArray: unknown[]) {
      if (argArray[0] === '@azure/functions-core') return coreApi;
      return Reflect.apply(target, thisArg, argArray);
    },
  });
}
