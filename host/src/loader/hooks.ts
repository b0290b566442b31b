// Hook execution as the Node worker does it (wrk: hooks/executeHooks.ts): callbacks run one after another
// in registration order, each awaited; the first error stops the chain. The library wraps our plain
// context objects and reads/writes their properties (spec §1.1).
import { coreState, type HookCallback, type HookName } from './coreModule.js';

/** Shared by every hook of the app (`context.appHookData`). */
export const appHookData: Record<string, unknown> = {};
/** Shared by appStart and appTerminate only (`context.hookData` there). */
const appLevelOnlyHookData: Record<string, unknown> = {};

export function hooksOf(name: HookName): HookCallback[] {
  return coreState.hooks[name];
}

export async function runHooks(name: HookName, context: Record<string, unknown>): Promise<void> {
  // Copy: a hook may dispose itself while running.
  for (const hook of [...coreState.hooks[name]]) await hook(context);
}

export function runAppStartHooks(functionAppDirectory: string): Promise<void> {
  return runHooks('appStart', { hookData: appLevelOnlyHookData, appHookData, functionAppDirectory });
}

export function runAppTerminateHooks(): Promise<void> {
  return runHooks('appTerminate', { hookData: appLevelOnlyHookData, appHookData });
}
