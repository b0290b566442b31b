// The rest of the start-up summary, after the function listing: functions the host does not run and why,
// where state is kept, and whether keys are enforced (README "Running it").
import path from 'node:path';
import type { SkippedFunction } from '../loader/loadApp.js';

export interface SummaryInput {
  /** functions with triggers or bindings the host does not implement */
  unsupported: readonly SkippedFunction[];
  dataPath: string;
  /** where monitored timer schedules keep their status, if anywhere */
  timerStatusFile: string | undefined;
  enableAuth: boolean;
  /** whether any HTTP route needs a key on Azure */
  anyKeyedRoute: boolean;
}

export function startupSummary(input: SummaryInput): string {
  const lines: string[] = [];
  if (input.unsupported.length > 0) {
    lines.push(`Not run (${input.unsupported.length}: this host does not implement their triggers or bindings):`);
    for (const skipped of [...input.unsupported].sort((a, b) => a.name.localeCompare(b.name))) {
      lines.push(`  ${skipped.name}: ${skipped.reason}`);
    }
  }
  if (input.dataPath === ':memory:') {
    lines.push('Data: in memory (--data :memory:): durable state and timer status are lost at exit');
  } else {
    const timers = input.timerStatusFile ? `, timer status ${path.basename(input.timerStatusFile)}` : '';
    lines.push(`Data folder: ${path.dirname(input.dataPath)} (durable store ${path.basename(input.dataPath)}${timers})`);
  }
  if (input.anyKeyedRoute && !input.enableAuth) {
    lines.push('Keys: not enforced (as func start); start with --enable-auth to require them');
  }
  return lines.join('\n');
}
