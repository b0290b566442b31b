// The bench's command lines: `--help` prints the usage; a mistake prints one line and the usage, exit 2
// (no stack trace for a typo).
import { parseArgs, type ParseArgsConfig } from 'node:util';

type Options = NonNullable<ParseArgsConfig['options']>;

export function usageError(usage: string, message: string): never {
  console.error(`Error: ${message}\n${usage}`);
  process.exit(2);
}

export function parseCommandLine<O extends Options>(usage: string, options: O) {
  let parsed: { values: Record<string, unknown> };
  try {
    parsed = parseArgs({ options: { ...options, help: { type: 'boolean', short: 'h' } }, strict: true, allowPositionals: false });
  } catch (error) {
    usageError(usage, (error as Error).message);
  }
  if (parsed.values.help === true) {
    console.log(usage);
    process.exit(0);
  }
  return parsed.values as ReturnType<typeof parseArgs<{ options: O }>>['values'];
}

/** A count or a duration from the command line: a positive integer, or a usage error naming the option. */
export function positiveInteger(usage: string, name: string, text: string): number {
  if (!/^[1-9]\d{0,6}$/.test(text)) usageError(usage, `--${name} must be a positive integer, got "${text}"`);
  return Number(text);
}
