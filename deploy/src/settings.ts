// Which app settings the app reads, and which the Bicep sets: the pieces of the settings check
// (test/settings.test.ts; README "Deploy to Azure").
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

export interface SettingUse {
  name: string;
  /** file (relative to the scanned root) where it is read */
  file: string;
}

const ENV_DOT = /process\.env\.([A-Za-z_][A-Za-z0-9_]*)/g;
const ENV_INDEX = /process\.env\[\s*(?:'([^']+)'|"([^"]+)"|`([^`$]+)`|([^\]]+))\s*\]/g;
const ENV_DESTRUCTURE = /\{([^}]*)\}\s*=\s*process\.env\b/g;
/** a reader that takes the environment as a parameter defaulting to it (`env: NodeJS.ProcessEnv = process.env`), then `env.NAME` */
const ENV_PARAMETER = /\benv\s*:\s*NodeJS\.ProcessEnv\s*=\s*process\.env\b/;
const ENV_PARAMETER_DOT = /\benv\.([A-Za-z_][A-Za-z0-9_]*)/g;
/** %NAME% binding expressions: host.json values and trigger settings resolved from app settings by the host */
const BINDING_EXPRESSION = /%([A-Za-z_][A-Za-z0-9_]*)%/g;

/** Settings read in one source text. A computed `process.env[expr]` is reported as `dynamic`: it cannot be checked. */
export function settingsReadIn(text: string): { names: string[]; dynamic: string[] } {
  const names = new Set<string>();
  const dynamic: string[] = [];
  for (const match of text.matchAll(ENV_DOT)) names.add(match[1]!);
  for (const match of text.matchAll(ENV_INDEX)) {
    const literal = match[1] ?? match[2] ?? match[3];
    if (literal !== undefined) names.add(literal);
    else dynamic.push(match[0]);
  }
  for (const match of text.matchAll(ENV_DESTRUCTURE)) {
    for (const part of match[1]!.split(',')) {
      const key = part.split(':')[0]!.split('=')[0]!.trim();
      if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) names.add(key);
    }
  }
  if (ENV_PARAMETER.test(text)) for (const match of text.matchAll(ENV_PARAMETER_DOT)) names.add(match[1]!);
  for (const match of text.matchAll(BINDING_EXPRESSION)) names.add(match[1]!);
  return { names: [...names].sort(), dynamic };
}

function filesUnder(dir: string, accept: (file: string) => boolean): string[] {
  const found: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) found.push(...filesUnder(full, accept));
    else if (accept(full)) found.push(full);
  }
  return found;
}

/** Every setting the app reads: app/src (TypeScript, tests excluded) and app/host.json. */
export function settingsReadByApp(appDir: string): { uses: SettingUse[]; dynamic: SettingUse[] } {
  const files = [...filesUnder(path.join(appDir, 'src'), (file) => /\.(ts|mts|cts|js|mjs|cjs)$/.test(file)), path.join(appDir, 'host.json')];
  const uses: SettingUse[] = [];
  const dynamic: SettingUse[] = [];
  for (const file of files) {
    const relative = path.relative(path.dirname(appDir), file).split(path.sep).join('/');
    const found = settingsReadIn(readFileSync(file, 'utf8'));
    for (const name of found.names) uses.push({ name, file: relative });
    for (const expression of found.dynamic) dynamic.push({ name: expression, file: relative });
  }
  return { uses, dynamic };
}

/**
 * The app settings a Bicep file sets: the keys of every `var <name>Settings = { ... }` object (also behind a
 * `cond ? { ... } : {}`), one key per line, as infra/app/api.bicep writes them.
 */
export function settingsSetInBicep(text: string): Map<string, string> {
  const settings = new Map<string, string>(); // name → the var that sets it
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const head = /^var\s+([A-Za-z0-9_]*Settings)\s*=\s*(.*)$/.exec(lines[i]!);
    if (!head) continue;
    const variable = head[1]!;
    let depth = 0;
    let started = false;
    for (let j = i; j < lines.length; j++) {
      const line = j === i ? head[2]! : lines[j]!;
      // the object opens on the `var` line, or on the next one after a condition (`cond\n  ? {`)
      if (!started && j > i && !(j === i + 1 && /^\s*\?\s*\{/.test(line))) break;
      const code = line.replace(/'(?:[^'\\]|\\.)*'/g, "''").replace(/\/\/.*$/, '');
      if (started && depth === 1) {
        const key = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*:/.exec(code);
        if (key) settings.set(key[1]!, variable);
      }
      for (const char of code) {
        if (char === '{') {
          depth++;
          started = true;
        } else if (char === '}') depth--;
      }
      if (started && depth === 0) break; // a `: {}` alternative that follows sets nothing
    }
  }
  return settings;
}
