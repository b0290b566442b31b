// Every line the running host writes — its own logs, the app's context.log and console.log — starts with a
// UTC timestamp, as `func start` prints them: "[2026-01-05T09:30:00.123Z] Host started". Wrapping the two
// streams (not console) catches everything, written by whom it may be. Costs nothing while nothing is logged.

type Write = NodeJS.WriteStream['write'];

const originals = new Map<NodeJS.WriteStream, Write>();

/** Prefix each line written to `stream` with `[ISO time] `. */
export function timestampLines(stream: NodeJS.WriteStream, now: () => string = () => new Date().toISOString()): void {
  if (originals.has(stream)) return;
  const write = stream.write;
  originals.set(stream, write);
  let atLineStart = true;
  stream.write = function (this: NodeJS.WriteStream, chunk: unknown, ...rest: unknown[]) {
    if (typeof chunk !== 'string' || chunk === '') {
      // bytes pass through as they are (console writes strings)
      if (chunk instanceof Uint8Array && chunk.length > 0) atLineStart = chunk[chunk.length - 1] === 0x0a;
      return (write as (...args: unknown[]) => boolean).call(this, chunk, ...rest);
    }
    const stamp = `[${now()}] `;
    const text = (atLineStart ? stamp : '') + chunk.replace(/\n(?!$)/g, `\n${stamp}`);
    atLineStart = chunk.endsWith('\n');
    return (write as (...args: unknown[]) => boolean).call(this, text, ...rest);
  } as Write;
}

/** Writes without a timestamp: the one-line start-up error a failed start exits with. */
export function writeUnstamped(stream: NodeJS.WriteStream, text: string): void {
  const write = originals.get(stream) ?? stream.write;
  (write as (chunk: string) => boolean).call(stream, text);
}
