// The orchestration trigger's input object (spec §5.1, ext: OrchestrationTriggerAttributeBindingProvider.cs:219-242).
// Built as text around the stored history texts so that history is never re-serialized.

/** Schema V4 (3) advertised in upperSchemaVersionNew so that context.df.lock works (lib: Orchestrator.js:36-45). */
export const UPPER_SCHEMA_VERSION = 1;
export const UPPER_SCHEMA_VERSION_NEW = 3;
/** Azure Storage provider values; .NET TimeSpan text (spec §5.1) */
export const LONG_RUNNING_TIMER_INTERVAL = '3.00:00:00';
export const MAXIMUM_SHORT_TIMER_DURATION = '6.00:00:00';

export function orchestrationInputText(args: {
  historyTexts: readonly string[];
  inputText: string | null;
  instanceId: string;
  isReplaying: boolean;
  parentInstanceId?: string | null;
}): string {
  return (
    `{"history":[${args.historyTexts.join(',')}],"input":${args.inputText ?? 'null'},` +
    `"instanceId":${JSON.stringify(args.instanceId)},"isReplaying":${args.isReplaying},"parentInstanceId":${JSON.stringify(args.parentInstanceId ?? null)},` +
    `"upperSchemaVersion":${UPPER_SCHEMA_VERSION},"upperSchemaVersionNew":${UPPER_SCHEMA_VERSION_NEW},` +
    `"longRunningTimerIntervalDuration":"${LONG_RUNNING_TIMER_INTERVAL}","maximumShortTimerDuration":"${MAXIMUM_SHORT_TIMER_DURATION}",` +
    `"defaultHttpAsyncRequestSleepTimeMillseconds":30000}`
  );
}
