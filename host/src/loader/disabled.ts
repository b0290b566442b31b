// Functions disabled by the app setting `AzureWebJobs.<FunctionName>.Disabled` (true or 1), as on Azure
// (Linux hosts also read the form with underscores, AzureWebJobs_<FunctionName>_Disabled). A disabled
// function is loaded but not served: its route answers 404 and its trigger never runs it.
import type { RegisteredFunction } from '../contracts.js';

export interface DisabledFunction {
  name: string;
  /** the setting that disabled it, e.g. AzureWebJobs.Hello.Disabled=true */
  reason: string;
}

const SETTING = /^AzureWebJobs[._](.+)[._]Disabled$/i;

export function disabledFunctions(functions: readonly RegisteredFunction[], env: NodeJS.ProcessEnv): DisabledFunction[] {
  const settingByName = new Map<string, string>();
  for (const [key, value] of Object.entries(env)) {
    const name = SETTING.exec(key)?.[1];
    if (!name || value === undefined) continue;
    const on = value.trim().toLowerCase();
    if (on === 'true' || on === '1') settingByName.set(name.toLowerCase(), `${key}=${value}`);
  }
  const disabled: DisabledFunction[] = [];
  for (const fn of functions) {
    const reason = settingByName.get(fn.name.toLowerCase());
    if (reason) disabled.push({ name: fn.name, reason });
  }
  return disabled;
}
