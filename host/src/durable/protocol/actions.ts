// Orchestrator actions and the orchestrator's return value (spec §5.4, §5.5; lib: actions/*.js,
// lib: orchestrations/OrchestratorState.js). Parsed defensively: anything unexpected is a named error.
export enum ActionType {
  CallActivity = 0,
  CallActivityWithRetry = 1,
  CallSubOrchestrator = 2,
  CallSubOrchestratorWithRetry = 3,
  ContinueAsNew = 4,
  CreateTimer = 5,
  WaitForExternalEvent = 6,
  CallEntity = 7,
  CallHttp = 8,
  SignalEntity = 9,
  /** not emitted by durable-functions 3.5.0 */
  ScheduledSignalEntity = 10,
  WhenAny = 11,
  WhenAll = 12,
  LockEntities = 13,
  ReleaseEntities = 14,
}

export interface RetryOptions {
  firstRetryIntervalInMilliseconds: number;
  maxNumberOfAttempts: number;
  backoffCoefficient?: number;
  maxRetryIntervalInMilliseconds?: number;
  retryTimeoutInMilliseconds?: number;
}

export interface EntityRef {
  name: string;
  key: string;
}

export type Action =
  | { actionType: ActionType.CallActivity; functionName: string; input?: unknown }
  | { actionType: ActionType.CallActivityWithRetry; functionName: string; input?: unknown; retryOptions: RetryOptions }
  | { actionType: ActionType.CallSubOrchestrator; functionName: string; instanceId?: string; input?: unknown }
  | { actionType: ActionType.CallSubOrchestratorWithRetry; functionName: string; instanceId?: string; input?: unknown; retryOptions: RetryOptions }
  | { actionType: ActionType.ContinueAsNew; input?: unknown }
  | { actionType: ActionType.CreateTimer; fireAt: string; isCanceled?: boolean }
  | { actionType: ActionType.WaitForExternalEvent; externalEventName: string }
  | { actionType: ActionType.CallEntity; operation: string; instanceId: string; input?: unknown }
  | { actionType: ActionType.CallHttp; httpRequest: unknown }
  | { actionType: ActionType.SignalEntity; operation: string; instanceId: string; input?: unknown }
  | { actionType: ActionType.ScheduledSignalEntity; operation: string; instanceId: string }
  | { actionType: ActionType.WhenAny; compoundActions: Action[] }
  | { actionType: ActionType.WhenAll; compoundActions: Action[] }
  | { actionType: ActionType.LockEntities; lockRequestId: string; lockSet: EntityRef[] }
  | { actionType: ActionType.ReleaseEntities };

export type ActionOf<K extends ActionType> = Extract<Action, { actionType: K }>;

export interface OrchestratorState {
  isDone: boolean;
  /** V2+: exactly one inner array holding every action since the start */
  actions: Action[][];
  output?: unknown;
  customStatus?: unknown;
  error?: string;
  schemaVersion?: number;
}

export class ProtocolError extends Error {
  override name = 'ProtocolError';
}

/** Validate the JSON returned by an orchestrator function (or carried after $OutOfProcData$). */
export function parseOrchestratorState(value: unknown): OrchestratorState {
  if (typeof value !== 'object' || value === null) throw new ProtocolError('orchestrator returned no OrchestratorState object');
  const v = value as Record<string, unknown>;
  if (!Array.isArray(v.actions) || !v.actions.every((inner) => Array.isArray(inner)))
    throw new ProtocolError('OrchestratorState.actions must be an array of arrays');
  // V2+ payloads carry one inner array (ext: OutOfProcOrchestrationShim.cs:228-248); flatten V1 just in case.
  const flat = (v.actions as unknown[][]).flat();
  for (const a of flat) checkAction(a);
  return { ...(v as object), isDone: v.isDone === true, actions: [flat as Action[]] } as OrchestratorState;
}

function checkAction(a: unknown): void {
  if (typeof a !== 'object' || a === null) throw new ProtocolError(`action is not an object: ${JSON.stringify(a)}`);
  const t = (a as { actionType?: unknown }).actionType;
  if (typeof t !== 'number' || !(t in ActionType)) throw new ProtocolError(`unknown actionType ${JSON.stringify(t)}`);
  const compound = (a as { compoundActions?: unknown }).compoundActions;
  if (t === ActionType.WhenAll || t === ActionType.WhenAny) {
    if (!Array.isArray(compound)) throw new ProtocolError('compound action without compoundActions');
    for (const c of compound) checkAction(c);
  }
}

/** The label the library puts before the state JSON in a failed orchestration's error (spec §5.8). */
export const OUT_OF_PROC_DATA_LABEL = '\n\n$OutOfProcData$:';

/** Split an orchestrator failure message into (user error message, carried state) (spec §5.8). */
export function parseOrchestrationFailure(message: string): { error: string; state: OrchestratorState | undefined } {
  const at = message.indexOf(OUT_OF_PROC_DATA_LABEL);
  if (at < 0) return { error: message, state: undefined };
  try {
    const state = parseOrchestratorState(JSON.parse(message.slice(at + OUT_OF_PROC_DATA_LABEL.length)));
    return { error: typeof state.error === 'string' ? state.error : message.slice(0, at), state };
  } catch {
    return { error: message, state: undefined };
  }
}
