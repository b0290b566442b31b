// The seams between the host's parts (loader / invoker / HTTP server / extensions such as the durable hub).
// Each part depends on these types, never on another part's internals, so they can be built and tested alone.
import type { IncomingMessage, ServerResponse } from 'node:http';

/** RpcTypedData as the Functions host sends it to the Node worker (spec §1.5). One key is set. */
export interface RpcTypedData {
  string?: string;
  json?: string;
  bytes?: Uint8Array;
  int?: number;
  double?: number;
  http?: unknown;
}

/** One binding of a registered function, as produced by @azure/functions' toCoreFunctionMetadata (spec §1.4). */
export interface BindingMetadata {
  type: string;
  direction: 'in' | 'out' | 'inout';
  name?: string;
  [key: string]: unknown;
}

export interface FunctionMetadata {
  name: string;
  bindings: Record<string, BindingMetadata>;
  retryOptions?: unknown;
  [key: string]: unknown;
}

/** A function registered by the app through @azure/functions-core. */
export interface RegisteredFunction {
  name: string;
  metadata: FunctionMetadata;
  callback: (...args: unknown[]) => unknown;
  /** key in metadata.bindings of the trigger binding (type matches /trigger$/i) */
  triggerBindingName: string;
  trigger: BindingMetadata;
}

/** Case-insensitive lookup of registered functions (the extension matches names with OrdinalIgnoreCase, spec §1.4). */
export interface FunctionRegistry {
  get(name: string): RegisteredFunction | undefined;
  all(): RegisteredFunction[];
  /** functions whose trigger binding has this type, e.g. 'entityTrigger' */
  byTriggerType(type: string): RegisteredFunction[];
}

export interface InvocationRequest {
  functionName: string;
  /** set by the caller when it must know the id before the invocation starts (HTTP streaming); else generated */
  invocationId?: string;
  /** trigger and extra inputs, keyed by binding name (spec §1.5). Inputs supplied by extensions are added by the invoker. */
  inputData: { name: string; data: RpcTypedData }[];
  triggerMetadata?: Record<string, RpcTypedData>;
  /** applied to the function's result after the postInvocation hooks, before the library converts it (HTTP streaming paces response bodies) */
  transformResult?: (result: unknown) => unknown;
  /** origin of the HTTP request that caused this invocation, if any (used for durable client URLs) */
  requestOrigin?: string;
  /** why it runs, for the `Executing` log line (e.g. "Timer fired at …") */
  reason?: string;
  /** set when the function has a retry policy (RpcRetryContext, spec §1.5): attempt number and last error */
  retryContext?: { retryCount: number; maxRetryCount: number; exception?: { message?: string; stackTrace?: string; source?: string } };
}

export type InvocationOutcome =
  /** noResult: the function's result (after postInvocation hooks) was null or undefined */
  | { ok: true; invocationId: string; returnValue: RpcTypedData | undefined; noResult?: boolean }
  | { ok: false; invocationId: string; error: Error };

/** Runs one function through the programming model's InvocationModel, with pre/post hooks (spec §1.5). */
export interface Invoker {
  invoke(request: InvocationRequest): Promise<InvocationOutcome>;
}

/** Supplies the value of an extra input binding (e.g. the durableClient binding) for one invocation. */
export type InputBindingProvider = (context: {
  fn: RegisteredFunction;
  bindingName: string;
  binding: BindingMetadata;
  requestOrigin?: string;
}) => RpcTypedData;

/** Settings read from the app's host.json (spec §1.3, §2.1) plus the CLI. */
export interface HostSettings {
  appDir: string;
  port: number;
  /** path of the SQLite file, or ':memory:' */
  dataPath: string;
  routePrefix: string;
  /** the raw `extensions.durableTask` section of host.json ({} when absent) */
  durableTask: Record<string, unknown>;
  maxRequestBodyBytes: number;
  enableAuth: boolean;
  /** --engine-profile (the durable extension's; unset: DURABLE_ENGINE_PROFILE or local) */
  engineProfile?: string;
}

export interface ExtensionStartContext {
  registry: FunctionRegistry;
  invoker: Invoker;
  settings: HostSettings;
  origin: string;
  /** present in --enable-auth mode */
  webhookAuth?: WebhookAuth;
}

/** --enable-auth: how an extension guards its own webhooks (with its system key, as on Azure). */
export interface WebhookAuth {
  /** the extension's system key, for the URLs it hands out (`code=`) */
  readonly systemKey: string;
  /** checks the key of a request to the extension's routes; on refusal it has answered 401 and returns false */
  authorize(req: IncomingMessage, url: URL, res: ServerResponse): boolean;
  /** checks the master key (the host's own /admin routes, as on Azure); on refusal it has answered 401 and returns false */
  authorizeAdmin(req: IncomingMessage, url: URL, res: ServerResponse): boolean;
}

/**
 * An extension of the host, the way the Durable Task extension extends the Functions host:
 * it runs some trigger types, supplies some input bindings and may serve HTTP routes of its own.
 */
export interface HostExtension {
  readonly name: string;
  /** trigger types this extension runs, e.g. ['orchestrationTrigger','entityTrigger','activityTrigger'] */
  readonly triggerTypes: readonly string[];
  /** input binding types it supplies, e.g. { durableClient: provider, orchestrationClient: provider } */
  readonly inputBindings: Readonly<Record<string, InputBindingProvider>>;
  /** Serve a request if it is one of the extension's routes; resolve false to let the HTTP triggers have it. */
  handleHttp?(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean>;
  /** Called once the app is loaded and the HTTP server listens (origin e.g. http://localhost:7071). */
  start(context: ExtensionStartContext): Promise<void>;
  /** Stop accepting work, let in-flight work finish or persist, close the store. */
  stop(): Promise<void>;
}

/** A start-up failure that is the app's fault: printed as one line, host exits non-zero. */
export class AppLoadError extends Error {
  override name = 'AppLoadError';
}
