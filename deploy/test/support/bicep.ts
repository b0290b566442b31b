// A light reading of Bicep for structural checks: declared params and outputs, local modules and the params
// passed to them, bracket balance. It is not the Bicep compiler (which downloads a binary these machines
// cannot fetch) and does not pretend to be one.

/** The text with string literals emptied and comments removed, so brackets and names can be counted. */
export function codeOnly(text: string): string {
  return text
    .replace(/'''[\s\S]*?'''/g, "''")
    .replace(/'(?:[^'\\\n]|\\.)*'/g, "''")
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\/\/[^\n]*/g, '');
}

export interface BicepParam {
  name: string;
  type: string;
  hasDefault: boolean;
}

export function params(text: string): BicepParam[] {
  return [...codeOnly(text).matchAll(/^param\s+([A-Za-z_][A-Za-z0-9_]*)\s+([A-Za-z]+)(\s*=)?/gm)].map((m) => ({
    name: m[1]!,
    type: m[2]!,
    hasDefault: m[3] !== undefined,
  }));
}

export function outputs(text: string): string[] {
  return [...codeOnly(text).matchAll(/^output\s+([A-Za-z_][A-Za-z0-9_]*)\s/gm)].map((m) => m[1]!);
}

export interface ModuleUse {
  symbol: string;
  path: string;
  /** the keys of its `params: { ... }` block */
  params: string[];
}

/** `module x 'app/y.bicep' = ...` with a local path (registry modules, br/..., are skipped). */
export function localModules(text: string): ModuleUse[] {
  const uses: ModuleUse[] = [];
  for (const m of text.matchAll(/^module\s+([A-Za-z_][A-Za-z0-9_]*)\s+'([^']+)'\s*=/gm)) {
    if (m[2]!.startsWith('br/') || m[2]!.startsWith('br:') || m[2]!.startsWith('ts/')) continue;
    const rest = codeOnly(text.slice(m.index! + m[0].length));
    const open = rest.indexOf('params: {');
    const names: string[] = [];
    if (open >= 0) {
      let depth = 0;
      for (const line of rest.slice(open + 'params: '.length).split('\n')) {
        if (depth === 1) {
          const key = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*:/.exec(line);
          if (key) names.push(key[1]!);
        }
        for (const char of line) depth += char === '{' ? 1 : char === '}' ? -1 : 0;
        if (depth === 0) break;
      }
    }
    uses.push({ symbol: m[1]!, path: m[2]!, params: names });
  }
  return uses;
}

/** The first unbalanced bracket, or null. */
export function unbalanced(text: string): string | null {
  const pairs: Record<string, string> = { '}': '{', ']': '[', ')': '(' };
  const stack: { char: string; line: number }[] = [];
  const lines = codeOnly(text).split('\n');
  for (let i = 0; i < lines.length; i++) {
    for (const char of lines[i]!) {
      if (char === '{' || char === '[' || char === '(') stack.push({ char, line: i + 1 });
      else if (char in pairs) {
        const top = stack.pop();
        if (!top || top.char !== pairs[char]) return `'${char}' on line ${i + 1} closes ${top ? `'${top.char}' of line ${top.line}` : 'nothing'}`;
      }
    }
  }
  return stack.length > 0 ? `'${stack.at(-1)!.char}' of line ${stack.at(-1)!.line} is never closed` : null;
}
