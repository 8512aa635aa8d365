import pino, { type Logger } from 'pino';

export type { Logger };

/** One pino root logger per process; components take children of it. */
export function createLogger(level = process.env.LOG_LEVEL ?? 'info', name = 'kaejon'): Logger {
  return pino({
    name,
    level,
    // National IDs and credentials never reach a log line, whatever object carries them.
    redact: {
      paths: ['*.nationalId', '*.*.nationalId', '*.password', 'req.headers.authorization', 'req.headers.cookie'],
      censor: '[redacted]',
    },
  });
}
