// Child processes of a run (host, ceiling, Restate server, peer endpoint): started, awaited until they print
// their ready line, and always stopped, even when the run fails half-way.
import { spawn, type ChildProcess } from 'node:child_process';

export interface Service {
  readonly name: string;
  readonly child: ChildProcess;
  /** the capture groups of the ready line */
  readonly ready: RegExpMatchArray;
  /** the last lines the process printed, for error messages */
  tail(): string;
  stop(): Promise<void>;
}

export interface StartOptions {
  name: string;
  command: string;
  args: string[];
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** a line on stdout or stderr matching this means the service is ready */
  readyLine: RegExp;
  timeoutMs?: number;
}

const running = new Set<Service>();

// A crashed or interrupted run must not leave servers behind on a shared machine.
process.on('exit', () => {
  for (const service of running) service.child.kill('SIGKILL');
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => process.exit(130));
}

export function startService(options: StartOptions): Promise<Service> {
  const child = spawn(options.command, options.args, {
    cwd: options.cwd,
    env: options.env ?? process.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const tail = () => lines.slice(-30).join('\n');
  let exited = false;
  const exit = new Promise<void>((resolve) => child.once('exit', () => { exited = true; resolve(); }));

  const service: Service = {
    name: options.name,
    child,
    ready: [] as unknown as RegExpMatchArray,
    tail,
    async stop() {
      running.delete(service);
      if (exited) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exit;
      clearTimeout(timer);
    },
  };
  running.add(service);

  return new Promise<Service>((resolve, reject) => {
    let settled = false;
    const timer = setTimeout(() => fail(new Error(`${options.name} did not get ready in ${options.timeoutMs ?? 60_000} ms:\n${tail()}`)), options.timeoutMs ?? 60_000);
    const fail = (error: Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void service.stop().then(() => reject(error));
    };
    const onData = (chunk: Buffer) => {
      for (const line of chunk.toString('utf8').split('\n')) {
        if (line.trim() === '') continue;
        lines.push(line);
        if (lines.length > 200) lines.splice(0, 100);
        const match = settled ? null : line.match(options.readyLine);
        if (match) {
          settled = true;
          clearTimeout(timer);
          (service as { ready: RegExpMatchArray }).ready = match;
          resolve(service);
        }
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('error', fail);
    child.once('exit', (code, signal) => fail(new Error(`${options.name} exited (${code ?? signal}) before it was ready:\n${tail()}`)));
  });
}
