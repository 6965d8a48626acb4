/**
 * The only reader of `process.env`. Parses and validates every setting once; everything else
 * receives the typed `Config`. A bad value stops the process with one message naming the variable.
 */
import path from 'node:path';
import { z } from 'zod';

const port = z.coerce.number().int().min(0).max(65535);
const optionalString = z.string().trim().min(1).optional();
const optionalUrl = z.string().trim().url().optional();
/** `Mon-Fri 09:00-18:00`, `Sat 10:00-14:00`, ranges joined by `;`. */
const BUSINESS_HOURS_PATTERN = /^\s*(?:[A-Za-z]{3}(?:-[A-Za-z]{3})?\s+\d{2}:\d{2}-\d{2}:\d{2})(?:\s*;\s*[A-Za-z]{3}(?:-[A-Za-z]{3})?\s+\d{2}:\d{2}-\d{2}:\d{2})*\s*$/;

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const schema = z.object({
  PORT: port.default(3000),
  HOST: z.string().trim().min(1).default('127.0.0.1'),
  DATA_DIR: z.string().trim().min(1).default('./data'),
  PUBLIC_URL: optionalUrl,
  STORE: z.enum(['sqlite', 'mongodb']).default('sqlite'),
  MONGODB_URI: optionalString,
  REDIS_URL: optionalString,
  REDIS_PREFIX: z.string().trim().regex(/^[A-Za-z0-9:_-]{1,64}$/, 'use 1-64 characters of A-Z a-z 0-9 : _ -').default('concord'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  ADMIN_EMAIL: z.string().trim().email().optional(),
  ADMIN_PASSWORD: z.string().min(12, 'must be at least 12 characters').optional(),
  DIALOGS_DIR: z.string().trim().min(1).default('./dialogs'),
  INTENTS_DIR: z.string().trim().min(1).default('./intents'),
  SLACK_BOT_TOKEN: optionalString,
  SLACK_SIGNING_SECRET: optionalString,
  SLACK_APP_TOKEN: optionalString,
  SLACK_API_URL: optionalUrl,
  TELEGRAM_BOT_TOKEN: optionalString,
  TELEGRAM_WEBHOOK_SECRET: z.string().trim().regex(/^[A-Za-z0-9_-]{16,256}$/, 'must be 16-256 characters of A-Z a-z 0-9 _ - (Telegram\'s secret_token alphabet)').optional(),
  TELEGRAM_API_ROOT: optionalUrl,
  TELEGRAM_MODE: z.enum(['webhook', 'polling']).default('webhook'),
  MICROSOFT_APP_ID: optionalString,
  MICROSOFT_APP_PASSWORD: optionalString,
  MICROSOFT_APP_TENANT_ID: optionalString,
  BOTFRAMEWORK_ALLOW_UNAUTHENTICATED: z.enum(['true', 'false']).default('false'),
  OPENAI_API_KEY: optionalString,
  OPENAI_BASE_URL: optionalUrl,
  OPENAI_MODEL: z.string().trim().min(1).default('gpt-4o-mini'),
  OPENAI_TIMEOUT_MS: z.coerce.number().int().min(100).max(5000, 'must be at most 5000 (the model must never hold a turn for long)').default(1500),
  BUSINESS_HOURS: z.string().trim().regex(BUSINESS_HOURS_PATTERN, 'must look like "Mon-Fri 09:00-18:00" (several ranges separated by ";")').optional(),
  BUSINESS_TIMEZONE: z.string().trim().refine(isTimeZone, 'must be an IANA time zone such as Europe/Berlin or Asia/Shanghai').default('UTC'),
  AGENT_GRACE_SECONDS: z.coerce.number().int().min(0).max(86_400).default(120),
  AGENT_LEASE_SECONDS: z.coerce.number().int().min(3).max(3_600).default(30),
  QUEUE_SLA_SECONDS: z.coerce.number().int().min(1).max(86_400).default(300),
  MASK_PII_AT_REST: z.enum(['true', 'false']).default('false'),
  PII_KEY: z.string().trim().regex(/^[0-9a-fA-F]{64}$/, 'must be 64 hex characters (32 bytes), e.g. from `openssl rand -hex 32`').optional(),
  RETENTION_DAYS: z.coerce.number().int().min(0).max(36_500).default(0),
});

type Env = z.infer<typeof schema>;

/** Typed, validated settings. Paths are absolute. */
export interface Config {
  port: number;
  host: string;
  dataDir: string;
  publicUrl?: string;
  store: { kind: 'sqlite' | 'mongodb'; mongodbUri?: string };
  redisUrl?: string;
  /** Prefix of this deployment's Redis channel (`<prefix>:bus`) and lease keys. */
  redisPrefix: string;
  logLevel: Env['LOG_LEVEL'];
  admin: { email?: string; password?: string };
  dialogsDir: string;
  intentsDir: string;
  slack?: { botToken: string; signingSecret: string; appToken?: string; apiUrl?: string };
  telegram?: { botToken: string; webhookSecret?: string; apiRoot?: string; mode: 'webhook' | 'polling' };
  /**
   * Bot Framework: enabled when `appId` is set (JWT-authenticated), or when
   * `allowUnauthenticated` is (local testing only: anyone can post activities).
   */
  botFramework: { appId?: string; appPassword?: string; tenantId?: string; allowUnauthenticated: boolean };
  /** Optional OpenAI-compatible model for low-confidence turns; `timeoutMs` bounds every call. */
  openai?: { apiKey: string; baseUrl?: string; model: string; timeoutMs: number };
  /**
   * Human handoff: business hours (absent = always open), the agent disconnect grace period, and
   * how long a chat may wait in the queue before it counts as an SLA breach.
   */
  handoff: { businessHours?: string; timeZone: string; agentGraceSeconds: number; agentLeaseSeconds: number; queueSlaSeconds: number };
  /**
   * Personal data (docs/privacy.md): store customer text masked (originals sealed with `piiKey`,
   * else `<dataDir>/pii.key`), and delete conversations idle or closed for `retentionDays` (0 = keep).
   */
  privacy: { maskAtRest: boolean; piiKey?: string; retentionDays: number };
}

/** Raised for invalid settings; `main` prints `message` alone and exits 1. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** Parses an environment (default: `process.env`, after loading `.env` if present). */
export function loadConfig(env: NodeJS.ProcessEnv = readProcessEnv(), cwd = process.cwd()): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = schema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${String(i.path[0])}: ${i.message}`);
    throw new ConfigError(`Invalid configuration (check your environment or .env):\n${lines.join('\n')}`);
  }
  return toConfig(parsed.data, cwd);
}

function toConfig(e: Env, cwd: string): Config {
  if (e.STORE === 'mongodb' && !e.MONGODB_URI) throw new ConfigError('Invalid configuration:\n  MONGODB_URI: required when STORE=mongodb');
  requireTogether(e, 'SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET');
  if (e.TELEGRAM_BOT_TOKEN && e.TELEGRAM_MODE === 'webhook' && !e.TELEGRAM_WEBHOOK_SECRET) {
    throw new ConfigError('Invalid configuration:\n  TELEGRAM_WEBHOOK_SECRET: required in webhook mode, so forged updates are refused (pass the same value as secret_token to setWebhook), or set TELEGRAM_MODE=polling');
  }
  if (e.MICROSOFT_APP_ID && !e.MICROSOFT_APP_PASSWORD) throw new ConfigError('Invalid configuration:\n  MICROSOFT_APP_PASSWORD: required when MICROSOFT_APP_ID is set');
  if (e.ADMIN_PASSWORD && !e.ADMIN_EMAIL) throw new ConfigError('Invalid configuration:\n  ADMIN_EMAIL: required when ADMIN_PASSWORD is set');
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(cwd, e.DATA_DIR),
    publicUrl: e.PUBLIC_URL,
    store: { kind: e.STORE, mongodbUri: e.MONGODB_URI },
    redisUrl: e.REDIS_URL,
    redisPrefix: e.REDIS_PREFIX,
    logLevel: e.LOG_LEVEL,
    admin: { email: e.ADMIN_EMAIL, password: e.ADMIN_PASSWORD },
    dialogsDir: path.resolve(cwd, e.DIALOGS_DIR),
    intentsDir: path.resolve(cwd, e.INTENTS_DIR),
    slack: e.SLACK_BOT_TOKEN && e.SLACK_SIGNING_SECRET
      ? { botToken: e.SLACK_BOT_TOKEN, signingSecret: e.SLACK_SIGNING_SECRET, appToken: e.SLACK_APP_TOKEN, apiUrl: e.SLACK_API_URL }
      : undefined,
    telegram: e.TELEGRAM_BOT_TOKEN
      ? { botToken: e.TELEGRAM_BOT_TOKEN, webhookSecret: e.TELEGRAM_WEBHOOK_SECRET, apiRoot: e.TELEGRAM_API_ROOT, mode: e.TELEGRAM_MODE }
      : undefined,
    botFramework: { appId: e.MICROSOFT_APP_ID, appPassword: e.MICROSOFT_APP_PASSWORD, tenantId: e.MICROSOFT_APP_TENANT_ID, allowUnauthenticated: e.BOTFRAMEWORK_ALLOW_UNAUTHENTICATED === 'true' },
    openai: e.OPENAI_API_KEY ? { apiKey: e.OPENAI_API_KEY, baseUrl: e.OPENAI_BASE_URL, model: e.OPENAI_MODEL, timeoutMs: e.OPENAI_TIMEOUT_MS } : undefined,
    handoff: { businessHours: e.BUSINESS_HOURS, timeZone: e.BUSINESS_TIMEZONE, agentGraceSeconds: e.AGENT_GRACE_SECONDS, agentLeaseSeconds: e.AGENT_LEASE_SECONDS, queueSlaSeconds: e.QUEUE_SLA_SECONDS },
    privacy: { maskAtRest: e.MASK_PII_AT_REST === 'true', piiKey: e.PII_KEY, retentionDays: e.RETENTION_DAYS },
  };
}

function requireTogether(e: Env, a: keyof Env, b: keyof Env): void {
  if (Boolean(e[a]) !== Boolean(e[b])) {
    const missing = e[a] ? b : a;
    throw new ConfigError(`Invalid configuration:\n  ${String(missing)}: required when ${String(e[a] ? a : b)} is set`);
  }
}

/**
 * Settings for third-party libraries that read the environment themselves: `natural` loads
 * dotenv on import and prints a line unless told to be quiet. Call before loading them.
 */
export function quietThirdPartyLogs(): void {
  process.env.DOTENV_CONFIG_QUIET ??= 'true';
}

function readProcessEnv(): NodeJS.ProcessEnv {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require('dotenv').config({ quiet: true });
  return process.env;
}
