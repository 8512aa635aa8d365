import path from 'node:path';
import { DEFAULT_NAMESPACE, TASK_QUEUE } from './constants';

/**
 * Every setting Kaejon reads from the environment, in one place. The README lists them.
 * An unset DATABASE_URL or TEMPORAL_ADDRESS means "start the embedded server for me".
 */
export interface AppConfig {
  env: 'development' | 'production' | 'test';
  dataDir: string;
  logLevel: string;
  http: { host: string; port: number };
  database: { url?: string; embeddedPort: number };
  temporal: { address?: string; namespace: string; taskQueue: string; devServerPort: number; uiPort: number };
  /** How long a sign-in lasts. */
  sessionTtlHours: number;
  /** How long the first answer to an Idempotency-Key is kept for retries (an offline phone may sync days later). */
  idempotencyTtlHours: number;
  /** The first admin account, created at start when both are set and no such user exists. */
  firstAdmin?: { username: string; password: string };
  /** Prebundled workflow code; when absent the worker bundles from source at start. */
  workflowBundlePath?: string;
  /** The worker's sticky cache of running workflows. */
  maxCachedWorkflows: number;
  /** National reports read rollups past `minCases` cases; an API replica refreshes them when older than `maxAgeSeconds`. */
  rollups: { minCases: number; maxAgeSeconds: number };
  /** Where links in messages point: the web UI as people reach it (PUBLIC_URL). */
  publicUrl: string;
  notifications: NotificationSettings;
}

/** The channels a message can go out through (activities/notifications/channels.ts builds each). */
export const NOTIFICATION_CHANNELS = ['smtp', 'file'] as const;
export type NotificationChannelName = (typeof NOTIFICATION_CHANNELS)[number];

export interface NotificationSettings {
  /** KAEJON_NOTIFY_CHANNEL; by default smtp when SMTP_URL is set, else the file mailbox. */
  channel: NotificationChannelName;
  /** smtp(s)://user:pass@host:port, nodemailer's connection URL. */
  smtpUrl?: string;
  /** The sender every message carries (SMTP_FROM). */
  from: string;
  /** The file channel's folder: one .eml file per message. */
  mailboxDir: string;
  /** When the daily digest goes out, as a cron expression in Bangkok time. */
  digestCron: string;
}

export class ConfigError extends Error {}

function intSetting(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > 65535) {
    throw new ConfigError(`${name} must be a port number (0-65535), got "${raw}"`);
  }
  return value;
}

function nodeEnv(raw: string | undefined): AppConfig['env'] {
  if (raw === 'production' || raw === 'test') return raw;
  return 'development';
}

function notificationSettings(env: NodeJS.ProcessEnv, dataDir: string): NotificationSettings {
  const smtpUrl = env.SMTP_URL || undefined;
  const chosen = env.KAEJON_NOTIFY_CHANNEL || (smtpUrl ? 'smtp' : 'file');
  const channel = NOTIFICATION_CHANNELS.find((name) => name === chosen);
  if (!channel) throw new ConfigError(`KAEJON_NOTIFY_CHANNEL must be one of ${NOTIFICATION_CHANNELS.join(', ')}, got "${chosen}"`);
  if (channel === 'smtp' && !smtpUrl) throw new ConfigError('KAEJON_NOTIFY_CHANNEL=smtp needs SMTP_URL (docs/DEPLOYMENT.md, Notifications)');
  return {
    channel,
    smtpUrl,
    from: env.SMTP_FROM || 'แก้จน Kaejon <no-reply@kaejon.invalid>',
    mailboxDir: path.resolve(env.KAEJON_MAILBOX_DIR || path.join(dataDir, 'mailbox')),
    digestCron: env.KAEJON_DIGEST_CRON || '0 7 * * *',
  };
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const dataDir = path.resolve(env.KAEJON_DATA_DIR ?? path.join(__dirname, '..', '.data'));
  const port = intSetting(env, 'PORT', 3000);
  const host = env.HOST ?? '127.0.0.1';
  return {
    env: nodeEnv(env.NODE_ENV),
    dataDir,
    logLevel: env.LOG_LEVEL ?? 'info',
    http: { host, port },
    database: { url: env.DATABASE_URL || undefined, embeddedPort: intSetting(env, 'PG_PORT', 54329) },
    temporal: {
      address: env.TEMPORAL_ADDRESS || undefined,
      namespace: env.TEMPORAL_NAMESPACE ?? DEFAULT_NAMESPACE,
      // Overridable so tests can give each suite its own queue; production keeps the constant.
      taskQueue: env.TEMPORAL_TASK_QUEUE || TASK_QUEUE,
      devServerPort: intSetting(env, 'TEMPORAL_PORT', 7233),
      uiPort: intSetting(env, 'TEMPORAL_UI_PORT', 8233),
    },
    sessionTtlHours: Number(env.KAEJON_SESSION_TTL_HOURS ?? 8) || 8,
    idempotencyTtlHours: Number(env.KAEJON_IDEMPOTENCY_TTL_HOURS ?? 168) || 168,
    firstAdmin: env.KAEJON_ADMIN_USERNAME && env.KAEJON_ADMIN_PASSWORD ? { username: env.KAEJON_ADMIN_USERNAME, password: env.KAEJON_ADMIN_PASSWORD } : undefined,
    workflowBundlePath: env.WORKFLOW_BUNDLE || undefined,
    maxCachedWorkflows: Number(env.WORKER_MAX_CACHED_WORKFLOWS ?? 1000) || 1000,
    rollups: { minCases: Number(env.KAEJON_ROLLUP_MIN_CASES ?? 200_000), maxAgeSeconds: Number(env.KAEJON_ROLLUP_MAX_AGE_SECONDS ?? 300) },
    publicUrl: (env.PUBLIC_URL || `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`).replace(/\/+$/, ''),
    notifications: notificationSettings(env, dataDir),
  };
}
