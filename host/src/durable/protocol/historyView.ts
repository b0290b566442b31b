// The `historyEvents` of a status read with showHistory=true, shaped as the extension shapes them
// (ext: ContextImplementations/DurableClient.cs GetDurableOrchestrationStatusAsync): EventType as its name;
// OrchestratorStarted/Completed dropped; each TaskScheduled / SubOrchestrationInstanceCreated folded into its
// completion (FunctionName, ScheduledTime, Input) and dropped; ExecutionStarted's Name becomes FunctionName;
// results only with showHistoryOutput (parsed as JSON); inputs only with showInput; no EventId or IsPlayed.
import { type HistoryEvent, HistoryEventType, OrchestrationStatusCode } from './historyEvents.js';
import { parseStoredJson } from './status.js';

type Item = Record<string, unknown>;

export function historyView(events: readonly HistoryEvent[], showHistoryOutput: boolean, showInput: boolean): Item[] {
  const items: Item[] = events.map((e) => ({ ...e }));
  const scheduled = new Map<string, { index: number; name: unknown; time: unknown; input: unknown }>();
  const drop = new Set<number>();
  const fold = (item: Item, prefix: string) => {
    const s = scheduled.get(`${prefix}_${String(item.TaskScheduledId)}`);
    if (!s) return;
    item.ScheduledTime = s.time;
    item.FunctionName = s.name;
    if (showInput) item.Input = s.input;
    drop.add(s.index);
  };
  const result = (item: Item, show: boolean) => {
    if (!show) delete item.Result;
    else item.Result = parseStoredJson((item.Result as string | null | undefined) ?? null);
  };
  items.forEach((item, i) => {
    const type = item.EventType as HistoryEventType;
    const name = HistoryEventType[type];
    if (name === undefined) return;
    item.EventType = name;
    switch (type) {
      case HistoryEventType.TaskScheduled:
      case HistoryEventType.SubOrchestrationInstanceCreated:
        scheduled.set(`${name}_${String(item.EventId)}`, { index: i, name: item.Name, time: item.Timestamp, input: item.Input });
        delete item.Version;
        break;
      case HistoryEventType.TaskCompleted:
      case HistoryEventType.TaskFailed:
      case HistoryEventType.SubOrchestrationInstanceCompleted:
      case HistoryEventType.SubOrchestrationInstanceFailed: {
        const isTask = type === HistoryEventType.TaskCompleted || type === HistoryEventType.TaskFailed;
        fold(item, isTask ? 'TaskScheduled' : 'SubOrchestrationInstanceCreated');
        delete item.TaskScheduledId;
        result(item, showHistoryOutput && (type === HistoryEventType.TaskCompleted || type === HistoryEventType.SubOrchestrationInstanceCompleted));
        break;
      }
      case HistoryEventType.ExecutionStarted:
        item.FunctionName = item.Name;
        delete item.Name;
        delete item.OrchestrationInstance;
        delete item.ParentInstance;
        delete item.Version;
        delete item.Tags;
        break;
      case HistoryEventType.ExecutionCompleted:
        if (typeof item.OrchestrationStatus === 'number') item.OrchestrationStatus = OrchestrationStatusCode[item.OrchestrationStatus] ?? item.OrchestrationStatus;
        result(item, showHistoryOutput);
        break;
      case HistoryEventType.TimerFired:
        delete item.TimerId;
        break;
      case HistoryEventType.OrchestratorStarted:
      case HistoryEventType.OrchestratorCompleted:
        drop.add(i);
        break;
    }
    if (!showInput) delete item.Input;
    delete item.EventId;
    delete item.IsPlayed;
  });
  return items.filter((_, i) => !drop.has(i));
}
