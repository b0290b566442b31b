// Console logging of function and system logs. User logs keep their level (context.log → information,
// context.warn → warning, ...); debug/trace and per-invocation lines appear only with --verbose, so the
// hot path writes nothing unless the app logs.
import type { CoreLogLevel } from '../loader/coreModule.js';

export interface HostLogger {
  readonly verbose: boolean;
  /** a log written by a function (category 'user') or by the library during an invocation ('system') */
  invocation(functionName: string, invocationId: string, level: CoreLogLevel, category: string, message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
  debug(message: string): void;
}

export function createLogger(verbose: boolean): HostLogger {
  const write = (level: CoreLogLevel, message: string) => {
    switch (level) {
      case 'none':
        return;
      case 'trace':
      case 'debug':
        if (verbose) console.log(message);
        return;
      case 'information':
        console.log(message);
        return;
      case 'warning':
        console.warn(message);
        return;
      default:
        console.error(message);
    }
  };
  return {
    verbose,
    invocation(functionName, invocationId, level, category, message) {
      // Library system logs are chatty at debug level; only its warnings and errors matter by default.
      if (category !== 'user' && (level === 'information' || level === 'debug' || level === 'trace') && !verbose) return;
      write(level, `[${functionName}] (${invocationId}) ${message}`);
    },
    info: (message) => write('information', message),
    warn: (message) => write('warning', message),
    error: (message) => write('error', message),
    debug: (message) => write('debug', message),
  };
}
