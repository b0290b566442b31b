// Reads a V8 .cpuprofile (node --cpu-prof) and lists where the time went: self time by function and by file,
// and inclusive time by function (what a flame graph shows as the widest frames), as Markdown tables.
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface Entry {
  name: string;
  ms: number;
  share: number;
}

export interface Summary {
  totalMs: number;
  idleMs: number;
  selfByFunction: Entry[];
  selfByFile: Entry[];
  inclusiveByFunction: Entry[];
}

function where(node: ProfileNode, root: string): { fn: string; file: string } {
  const { functionName, url, lineNumber } = node.callFrame;
  const file = url === '' ? '(native)' : url.startsWith('file://') ? relative(root, new URL(url).pathname) : url;
  return { fn: `${functionName || '(anonymous)'} ${file}:${lineNumber + 1}`, file };
}

export function summarize(path: string, root: string, top = 25): Summary {
  const profile = JSON.parse(readFileSync(path, 'utf8')) as Profile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);

  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));

  const selfFn = new Map<string, number>();
  const selfFile = new Map<string, number>();
  const inclusive = new Map<string, number>();
  let total = 0;
  let idle = 0;
  for (const [id, us] of selfUs) {
    const node = byId.get(id)!;
    total += us;
    if (node.callFrame.functionName === '(idle)') idle += us;
    const { fn, file } = where(node, root);
    selfFn.set(fn, (selfFn.get(fn) ?? 0) + us);
    selfFile.set(file, (selfFile.get(file) ?? 0) + us);
    // inclusive: count each function once per stack
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const name = where(byId.get(cur)!, root).fn;
      if (seen.has(name)) continue;
      seen.add(name);
      inclusive.set(name, (inclusive.get(name) ?? 0) + us);
    }
  }
  const busy = total - idle;
  const list = (map: Map<string, number>) =>
    [...map.entries()]
      .filter(([name]) => !name.startsWith('(idle)') && !name.startsWith('(root)') && !name.startsWith('(program)'))
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, us]) => ({ name, ms: us / 1000, share: busy > 0 ? us / busy : 0 }));
  return { totalMs: total / 1000, idleMs: idle / 1000, selfByFunction: list(selfFn), selfByFile: list(selfFile), inclusiveByFunction: list(inclusive) };
}

export function summaryMarkdown(summary: Summary): string {
  const table = (title: string, entries: Entry[]) =>
    [`| ${title} | ms | % of busy |`, '|---|---:|---:|', ...entries.map((e) => `| ${e.name.replace(/\|/g, '\\|')} | ${e.ms.toFixed(0)} | ${(e.share * 100).toFixed(1)} |`)].join('\n');
  return [
    `profiled ${summary.totalMs.toFixed(0)} ms, idle ${summary.idleMs.toFixed(0)} ms`,
    '',
    table('self time by function', summary.selfByFunction),
    '',
    table('self time by file', summary.selfByFile),
    '',
    table('inclusive time by function', summary.inclusiveByFunction),
  ].join('\n');
}
