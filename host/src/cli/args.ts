// Command line: node host/dist/cli/main.js --app <appDir> [--port N] [--data PATH] [--enable-auth]
//               [--max-request-body-bytes N] [--verbose]
import { parseArgs } from 'node:util';
import path from 'node:path';
import { ENGINE_PROFILES } from '../durable/profiles/profile.js';

export interface CliOptions {
  appDir: string;
  port: number;
  /** SQLite file or ':memory:' */
  dataPath: string;
  enableAuth: boolean;
  maxRequestBodyBytes: number;
  verbose: boolean;
  /** --engine-profile local|azure-storage|dts (checked by the durable extension) */
  engineProfile?: string;
}

export const DEFAULT_PORT = 7071;
export const DEFAULT_MAX_REQUEST_BODY_BYTES = 1024 * 1024;

export const USAGE =
  'Usage: local-func-host --app <appDir> [--port N] [--data PATH|:memory:] [--enable-auth] ' +
  '[--max-request-body-bytes N] [--engine-profile local|azure-storage|dts] [--verbose]';

/** A command-line mistake: printed with the usage, exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

function nonNegativeInteger(flag: string, text: string, max: number): number {
  if (!/^\d+$/.test(text) || Number(text) > max) throw new UsageError(`--${flag} must be an integer from 0 to ${max}, got "${text}"`);
  return Number(text);
}

export function parseCli(argv: string[]): CliOptions | 'help' {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        app: { type: 'string' },
        port: { type: 'string' },
        data: { type: 'string' },
        'enable-auth': { type: 'boolean' },
        'max-request-body-bytes': { type: 'string' },
        verbose: { type: 'boolean' },
        'engine-profile': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (values.help) return 'help';
  if (!values.app) throw new UsageError('--app <appDir> is required');
  const appDir = path.resolve(values.app);
  const port = values.port === undefined ? DEFAULT_PORT : nonNegativeInteger('port', values.port, 65535);
  const maxRequestBodyBytes =
    values['max-request-body-bytes'] === undefined
      ? DEFAULT_MAX_REQUEST_BODY_BYTES
      : nonNegativeInteger('max-request-body-bytes', values['max-request-body-bytes'], Number.MAX_SAFE_INTEGER);
  let dataPath = values.data ?? path.join(appDir, '.durable', 'store.sqlite');
  const profile = values['engine-profile'];
  if (profile !== undefined && !(ENGINE_PROFILES as readonly string[]).includes(profile))
    throw new UsageError(`--engine-profile must be one of ${ENGINE_PROFILES.join(', ')}, got "${profile}"`);
  if (dataPath === '') throw new UsageError('--data must not be empty');
  if (dataPath !== ':memory:') dataPath = path.resolve(dataPath);
  return {
    appDir,
    port,
    dataPath,
    enableAuth: values['enable-auth'] ?? false,
    maxRequestBodyBytes,
    verbose: values.verbose ?? false,
    ...(values['engine-profile'] !== undefined ? { engineProfile: values['engine-profile'] } : {}),
  };
}
