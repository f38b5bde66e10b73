/**
 * Structured logs with pino: one JSON object per line in production (for the agency's log
 * pipeline), readable lines in development (pino-pretty). What the product logs: IDs
 * (request, case, workflow, task, the acting person's subject), route patterns, status
 * codes, durations and error messages — never request bodies, names, e-mail addresses,
 * dates of birth or URLs (a reference link carries a one-time token). The `redact` list
 * is the second fence: should an error object ever carry such a field, it is censored.
 */
import pino, { type Logger } from 'pino';
import { DefaultLogger, type LogLevel } from '@temporalio/worker';

export type LogFormat = 'json' | 'pretty';

/** Fields that hold personal data wherever they appear (one or two levels deep). */
const PERSONAL = [
  'name',
  'email',
  'phone',
  'dateOfBirth',
  'address',
  'applicant',
  'youth',
  'references',
  'caregiver',
  'body',
];
const REDACT = [...PERSONAL, ...PERSONAL.map((f) => `*.${f}`), 'req.headers.authorization', 'headers.authorization'];

function create(
  level: string,
  format: LogFormat,
  destination?: pino.DestinationStream,
  service = 'mentorflow',
): Logger {
  const options: pino.LoggerOptions = {
    level,
    base: { service },
    redact: { paths: REDACT, censor: '[redacted]' },
    ...(format === 'pretty' && !destination
      ? {
          transport: {
            target: 'pino-pretty',
            options: { translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname,service', singleLine: true },
          },
        }
      : {}),
  };
  return destination ? pino(options, destination) : pino(options);
}

/** The process's logger; `configureLogging` sets it from the configuration at start. */
export let logger: Logger = create(process.env.LOG_LEVEL ?? 'info', 'json');

/** `service` names the process in every line (mentorflow, mentorflow-api, mentorflow-worker). */
export function configureLogging(opts: {
  level: string;
  format: LogFormat;
  destination?: pino.DestinationStream;
  service?: string;
}): Logger {
  logger = create(opts.level, opts.format, opts.destination, opts.service);
  return logger;
}

const SDK_LEVELS: Record<LogLevel, 'trace' | 'debug' | 'info' | 'warn' | 'error'> = {
  TRACE: 'trace',
  DEBUG: 'debug',
  INFO: 'info',
  WARN: 'warn',
  ERROR: 'error',
};

/**
 * The Temporal SDK's log entries (worker, workflow and activity logs, with their
 * workflowId, runId, activityType and taskQueue) as pino lines of the same logger.
 */
export function sdkLogger(level: LogLevel = 'INFO'): DefaultLogger {
  return new DefaultLogger(level, (entry) => {
    const { error, ...meta } = (entry.meta ?? {}) as Record<string, unknown>;
    const err = error instanceof Error ? { error: error.message } : error !== undefined ? { error: String(error) } : {};
    logger[SDK_LEVELS[entry.level]]({ ...meta, ...err, source: 'temporal' }, entry.message);
  });
}
