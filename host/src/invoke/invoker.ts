// Runs one function through the programming model's InvocationModel, exactly as the Node worker does
// (spec §1.5, wrk: eventHandlers/InvocationHandler.ts): getArguments → preInvocation hooks →
// invokeFunction → postInvocation hooks → getResponse. Trigger-agnostic: HTTP, entity, orchestration and
// activity invocations all come through here, so per-function work is computed once and cached.
import { randomUUID } from 'node:crypto';
import type {
  BindingMetadata,
  FunctionRegistry,
  InputBindingProvider,
  InvocationOutcome,
  InvocationRequest,
  Invoker,
  RegisteredFunction,
  RpcTypedData,
} from '../contracts.js';
import type { CoreLogLevel, ProgrammingModel } from '../loader/coreModule.js';
import { appHookData, hooksOf, runHooks } from '../loader/hooks.js';
import type { HostLogger } from './log.js';

interface ExtraInput {
  bindingName: string;
  binding: BindingMetadata;
  provider: InputBindingProvider;
}

interface FunctionPlan {
  fn: RegisteredFunction;
  /** in-bindings (other than the trigger) whose value an extension supplies, e.g. durableClient */
  extraInputs: ExtraInput[];
}

/** The `Reason` func start shows in `Executing` lines when the trigger gives none. */
const DEFAULT_REASONS: Record<string, string> = {
  httptrigger: 'This function was programmatically called via the host APIs.',
};

/** wrk: errors.ts ensureErrorType — what the worker reports for non-Error throws. */
function ensureError(value: unknown): Error {
  if (value instanceof Error) return value;
  if (value === undefined || value === null) return new Error('Unknown error');
  if (typeof value === 'string') return new Error(value);
  try {
    return new Error(JSON.stringify(value));
  } catch {
    return new Error(String(value));
  }
}

export interface InvokerOptions {
  registry: FunctionRegistry;
  programmingModel: ProgrammingModel | undefined;
  /** input binding providers of all extensions, by binding type */
  inputBindings: Readonly<Record<string, InputBindingProvider>>;
  logger: HostLogger;
}

export class FunctionInvoker implements Invoker {
  readonly #options: InvokerOptions;
  readonly #plans = new Map<string, FunctionPlan>();
  readonly #providers = new Map<string, InputBindingProvider>();

  constructor(options: InvokerOptions) {
    this.#options = options;
    for (const [type, provider] of Object.entries(options.inputBindings)) {
      this.#providers.set(type.toLowerCase(), provider);
    }
  }

  #plan(functionName: string): FunctionPlan | undefined {
    let plan = this.#plans.get(functionName);
    if (plan) return plan;
    const fn = this.#options.registry.get(functionName);
    if (!fn) return undefined;
    const extraInputs: ExtraInput[] = [];
    for (const [bindingName, binding] of Object.entries(fn.metadata.bindings)) {
      if (bindingName === fn.triggerBindingName || binding.direction !== 'in') continue;
      const provider = this.#providers.get(String(binding.type).toLowerCase());
      if (provider) extraInputs.push({ bindingName, binding, provider });
    }
    plan = { fn, extraInputs };
    this.#plans.set(functionName, plan);
    return plan;
  }

  async invoke(request: InvocationRequest): Promise<InvocationOutcome> {
    const invocationId = randomUUID();
    const plan = this.#plan(request.functionName);
    const programmingModel = this.#options.programmingModel;
    if (!plan || !programmingModel) {
      return { ok: false, invocationId, error: new Error(`Function "${request.functionName}" is not registered`) };
    }
    const { fn, extraInputs } = plan;
    const logger = this.#options.logger;
    const started = performance.now();
    if (logger.verbose) {
      const reason = request.reason ?? DEFAULT_REASONS[fn.trigger.type.toLowerCase()] ?? '(null)';
      logger.info(`Executing 'Functions.${fn.name}' (Reason='${reason}', Id=${invocationId})`);
    }

    let inputData = request.inputData;
    if (extraInputs.length > 0) {
      inputData = [...inputData];
      for (const { bindingName, binding, provider } of extraInputs) {
        inputData.push({ name: bindingName, data: provider({ fn, bindingName, binding, requestOrigin: request.requestOrigin }) });
      }
    }

    // CoreInvocationContext (spec §1.5 step 1); `state` lets the library tell late context.log calls apart.
    const coreCtx = {
      invocationId,
      request: { invocationId, functionId: fn.name, inputData, triggerMetadata: request.triggerMetadata ?? {} },
      metadata: fn.metadata,
      state: undefined as string | undefined,
      log: (level: CoreLogLevel, category: string, message: string) =>
        logger.invocation(fn.name, invocationId, level, category, message),
    };

    try {
      const model = programmingModel.getInvocationModel(coreCtx);
      const { context, inputs: argumentInputs } = await model.getArguments();
      let inputs = argumentInputs;
      let callback = fn.callback;
      const hookData: Record<string, unknown> = {};

      if (hooksOf('preInvocation').length > 0) {
        coreCtx.state = 'preInvocationHooks';
        const preContext = { hookData, appHookData, invocationContext: context, functionCallback: callback, inputs };
        await runHooks('preInvocation', preContext);
        inputs = preContext.inputs;
        callback = preContext.functionCallback;
      }

      coreCtx.state = 'invocation';
      let result: unknown;
      let error: unknown;
      try {
        result = await model.invokeFunction(context, inputs, callback);
      } catch (thrown) {
        error = thrown ?? new Error('Unknown error');
      }

      if (hooksOf('postInvocation').length > 0) {
        coreCtx.state = 'postInvocationHooks';
        const postContext = { hookData, appHookData, invocationContext: context, inputs, result, error };
        await runHooks('postInvocation', postContext);
        result = postContext.result;
        error = postContext.error;
      }
      if (error !== undefined && error !== null) throw error;

      const response = await model.getResponse(context, result);
      if (logger.verbose) {
        logger.info(`Executed 'Functions.${fn.name}' (Succeeded, Id=${invocationId}, Duration=${Math.round(performance.now() - started)}ms)`);
      }
      return { ok: true, invocationId, returnValue: (response.returnValue ?? undefined) as RpcTypedData | undefined };
    } catch (thrown) {
      const error = ensureError(thrown);
      // As the Functions host logs it (at every level): the Executed line, then the error with its stack.
      const ms = Math.round(performance.now() - started);
      logger.error(
        `Executed 'Functions.${fn.name}' (Failed, Id=${invocationId}, Duration=${ms}ms)\n` +
          `Exception while executing function: Functions.${fn.name}. ${error.stack ?? error.message}`,
      );
      return { ok: false, invocationId, error };
    }
  }
}
