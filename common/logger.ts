import pino, { type DestinationStream, type Logger } from 'pino';

export type { Logger };

/**
 * One pino root logger per process; components take children of it. `destination` (stdout when
 * absent) lets the chaos tests read every line the app writes and scan it for personal data.
 */
export function createLogger(level = process.env.LOG_LEVEL ?? 'info', name = 'kaejon', destination?: DestinationStream): Logger {
  const options = {
    name,
    level,
    // National IDs and credentials never reach a log line, whatever object carries them.
    redact: {
      paths: ['*.nationalId', '*.*.nationalId', '*.password', 'req.headers.authorization', 'req.headers.cookie'],
      censor: '[redacted]',
    },
  };
  return destination ? pino(options, destination) : pino(options);
}
