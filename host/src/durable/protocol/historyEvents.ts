// History events as the Durable Task extension serializes DTFx HistoryEvent objects (spec §5.2,
// lib: history/HistoryEventType.js): PascalCase fields, numeric EventType, ISO Timestamp.
export enum HistoryEventType {
  ExecutionStarted = 0,
  ExecutionCompleted = 1,
  ExecutionFailed = 2,
  ExecutionTerminated = 3,
  TaskScheduled = 4,
  TaskCompleted = 5,
  TaskFailed = 6,
  SubOrchestrationInstanceCreated = 7,
  SubOrchestrationInstanceCompleted = 8,
  SubOrchestrationInstanceFailed = 9,
  TimerCreated = 10,
  TimerFired = 11,
  OrchestratorStarted = 12,
  OrchestratorCompleted = 13,
  EventSent = 14,
  EventRaised = 15,
  ContinueAsNew = 16,
  GenericEvent = 17,
  HistoryState = 18,
  ExecutionSuspended = 19,
  ExecutionResumed = 20,
}

/** DTFx OrchestrationStatus numbers used in ExecutionCompleted */
export enum OrchestrationStatusCode {
  Running = 0,
  Completed = 1,
  ContinuedAsNew = 2,
  Failed = 3,
  Canceled = 4,
  Terminated = 5,
  Pending = 6,
  Suspended = 7,
}

export interface HistoryEvent {
  EventType: HistoryEventType;
  /** sequence id for scheduling events, -1 otherwise */
  EventId: number;
  IsPlayed: boolean;
  Timestamp: string;
  [field: string]: unknown;
}

const base = (type: HistoryEventType, eventId: number, at: number): HistoryEvent => ({
  EventType: type,
  EventId: eventId,
  IsPlayed: false,
  Timestamp: new Date(at).toISOString(),
});

export const historyEvents = {
  orchestratorStarted: (at: number) => base(HistoryEventType.OrchestratorStarted, -1, at),
  orchestratorCompleted: (at: number) => base(HistoryEventType.OrchestratorCompleted, -1, at),
  executionStarted: (at: number, name: string, input: string | null, instanceId: string, executionId: string) => ({
    ...base(HistoryEventType.ExecutionStarted, -1, at),
    Name: name,
    Version: '',
    Input: input,
    OrchestrationInstance: { InstanceId: instanceId, ExecutionId: executionId },
    ParentInstance: null,
  }),
  executionCompleted: (at: number, eventId: number, status: OrchestrationStatusCode, result: string | null) => ({
    ...base(HistoryEventType.ExecutionCompleted, eventId, at),
    OrchestrationStatus: status,
    Result: result,
    FailureDetails: null,
  }),
  executionTerminated: (at: number, reason: string | null) => ({ ...base(HistoryEventType.ExecutionTerminated, -1, at), Input: reason }),
  executionSuspended: (at: number, reason: string | null) => ({ ...base(HistoryEventType.ExecutionSuspended, -1, at), Reason: reason }),
  executionResumed: (at: number, reason: string | null) => ({ ...base(HistoryEventType.ExecutionResumed, -1, at), Reason: reason }),
  taskScheduled: (at: number, eventId: number, name: string, input: string | null) => ({
    ...base(HistoryEventType.TaskScheduled, eventId, at),
    Name: name,
    Version: '',
    Input: input,
  }),
  /** Result must be present (JSON text or null): the library JSON.parses it (spec §5.2) */
  taskCompleted: (at: number, scheduledId: number, result: string | null) => ({
    ...base(HistoryEventType.TaskCompleted, -1, at),
    TaskScheduledId: scheduledId,
    Result: result,
  }),
  /** Reason and Details must both be strings, FailureDetails null (spec §5.3) */
  taskFailed: (at: number, scheduledId: number, reason: string, details: string) => ({
    ...base(HistoryEventType.TaskFailed, -1, at),
    TaskScheduledId: scheduledId,
    Reason: reason,
    Details: details,
    FailureDetails: null,
  }),
  subOrchestrationCreated: (at: number, eventId: number, name: string, instanceId: string, input: string | null) => ({
    ...base(HistoryEventType.SubOrchestrationInstanceCreated, eventId, at),
    Name: name,
    Version: '',
    InstanceId: instanceId,
    Input: input,
  }),
  subOrchestrationCompleted: (at: number, scheduledId: number, result: string | null) => ({
    ...base(HistoryEventType.SubOrchestrationInstanceCompleted, -1, at),
    TaskScheduledId: scheduledId,
    Result: result,
  }),
  subOrchestrationFailed: (at: number, scheduledId: number, reason: string, details: string) => ({
    ...base(HistoryEventType.SubOrchestrationInstanceFailed, -1, at),
    TaskScheduledId: scheduledId,
    Reason: reason,
    Details: details,
    FailureDetails: null,
  }),
  timerCreated: (at: number, eventId: number, fireAt: string) => ({ ...base(HistoryEventType.TimerCreated, eventId, at), FireAt: fireAt }),
  timerFired: (at: number, timerId: number, fireAt: string) => ({ ...base(HistoryEventType.TimerFired, -1, at), TimerId: timerId, FireAt: fireAt }),
  eventSent: (at: number, eventId: number, name: string, targetInstanceId: string, input: string) => ({
    ...base(HistoryEventType.EventSent, eventId, at),
    InstanceId: targetInstanceId,
    Name: name,
    Input: input,
  }),
  eventRaised: (at: number, name: string, input: string | null) => ({ ...base(HistoryEventType.EventRaised, -1, at), Name: name, Input: input }),
};
