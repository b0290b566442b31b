// Determinism check (README "Durable task hub"): every replay must rebuild the actions already handled, in the same order.
// An action is described by its type and target, which is also what the error message names.
import { type Action, ActionType } from '../protocol/actions.js';
import { schedulerId } from '../protocol/entityMessages.js';

export function describeAction(a: Action): string {
  switch (a.actionType) {
    case ActionType.CallActivity:
    case ActionType.CallActivityWithRetry:
    case ActionType.CallSubOrchestrator:
    case ActionType.CallSubOrchestratorWithRetry:
      return `${ActionType[a.actionType]}('${a.functionName}')`;
    case ActionType.CallEntity:
    case ActionType.SignalEntity:
    case ActionType.ScheduledSignalEntity:
      return `${ActionType[a.actionType]}('${a.instanceId}', '${a.operation}')`;
    case ActionType.WaitForExternalEvent:
      return `WaitForExternalEvent('${a.externalEventName}')`;
    case ActionType.WhenAll:
    case ActionType.WhenAny:
      return `${ActionType[a.actionType]}[${a.compoundActions.map(describeAction).join(', ')}]`;
    case ActionType.LockEntities:
      return `LockEntities(${a.lockSet.map((e) => schedulerId(String(e.name), String(e.key))).join(', ')})`;
    default:
      return ActionType[a.actionType] ?? `ActionType ${String((a as { actionType: unknown }).actionType)}`;
  }
}

/** The first mismatch between the recorded actions and the replay's, as an error message; undefined if none. */
export function findNonDeterminism(recorded: readonly string[], replayed: readonly Action[]): string | undefined {
  for (let i = 0; i < recorded.length; i++) {
    const now = replayed[i];
    const was = recorded[i]!;
    if (now === undefined)
      return `Non-deterministic workflow detected: action #${i} ${was} was scheduled by a previous execution of the orchestrator but is missing on replay.`;
    const described = describeAction(now);
    if (described !== was)
      return `Non-deterministic workflow detected: action #${i} was ${was} when first executed, but the replay produced ${described}.`;
  }
  return undefined;
}
