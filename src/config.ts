/**
 * One zod schema for the whole configuration. `parseConfig(env)` is pure and reports every
 * problem at once; only entry points pass `process.env`.
 */
import { z } from 'zod';

const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const emptyToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

export const configSchema = z
  .object({
    TELEGRAM_BOT_TOKEN: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .regex(/^\d+:[A-Za-z0-9_-]{30,}$/, 'must look like 123456:ABC… (from @BotFather)')
        .optional(),
    ),
    /** The Bot API server (default Telegram's): a self-hosted telegram-bot-api, or a stand-in for benchmarks. */
    TELEGRAM_API_ROOT: z.preprocess(emptyToUndefined, z.url({ protocol: /^https?$/ }).optional()),
    BOT_MODE: z.preprocess(emptyToUndefined, z.enum(['polling', 'webhook']).default('polling')),
    WEBHOOK_URL: z.preprocess(emptyToUndefined, z.url({ protocol: /^https$/ }).optional()),
    WEBHOOK_SECRET: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .regex(/^[A-Za-z0-9_-]{16,256}$/, 'must be 16–256 characters of A-Z a-z 0-9 _ -')
        .optional(),
    ),
    BOT_USERNAME: z.preprocess(emptyToUndefined, z.string().regex(/^[A-Za-z0-9_]{5,32}$/).default('pulse_demo_bot')),
    DATABASE_URL: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .regex(/^postgres(ql)?:\/\//, 'must be a postgresql:// URL (leave unset for the embedded database)')
        .optional(),
    ),
    PGLITE_DIR: z.preprocess(emptyToUndefined, z.string().default('./data/pglite')),
    /**
     * Where queues and the bot's short-lived state live: `redis`, or `postgres` (BullMQ's
     * PostgreSQL backend and tables of our own). Default: `postgres` on the embedded database,
     * else `redis`.
     */
    STATE_BACKEND: z.preprocess(emptyToUndefined, z.enum(['redis', 'postgres']).optional()),
    /** One redis:// URL, or several separated by commas for a Redis Cluster (its seed nodes). */
    REDIS_URL: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .regex(/^rediss?:\/\/[^,\s]+(,rediss?:\/\/[^,\s]+)*$/, 'must be a redis:// URL (or several, comma-separated, for a cluster)')
        .default('redis://127.0.0.1:6379'),
    ),
    TZ_DEFAULT: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .refine(isValidTimeZone, 'must be an IANA time zone such as Asia/Ho_Chi_Minh')
        .default('Asia/Ho_Chi_Minh'),
    ),
    WEB_PORT: z.preprocess(emptyToUndefined, z.coerce.number().int().min(0).max(65535).default(3000)),
    WEB_HOST: z.preprocess(emptyToUndefined, z.string().default('127.0.0.1')),
    PUBLIC_URL: z.preprocess(emptyToUndefined, z.url().optional()),
    LOG_LEVEL: z.preprocess(emptyToUndefined, z.enum(logLevels).default('info')),
    /** Worker threads handling the bot's updates (default 0 = in the main thread; one thread holds the expected load). */
    BOT_THREADS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(0).max(16).default(0)),
    WORKER_CONCURRENCY: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(500).default(8)),
    /** An alert card is edited at most about once per window (first join at once, later ones at its end; 0 = every report). */
    ALERT_EDIT_WINDOW_MS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(0).max(60_000).default(1500)),
  })
  .superRefine((c, ctx) => {
    if (c.BOT_MODE === 'webhook') {
      if (!c.WEBHOOK_URL) ctx.addIssue({ code: 'custom', path: ['WEBHOOK_URL'], message: 'is required when BOT_MODE=webhook' });
      if (!c.WEBHOOK_SECRET)
        ctx.addIssue({ code: 'custom', path: ['WEBHOOK_SECRET'], message: 'is required when BOT_MODE=webhook' });
      if (!c.TELEGRAM_BOT_TOKEN)
        ctx.addIssue({ code: 'custom', path: ['TELEGRAM_BOT_TOKEN'], message: 'is required when BOT_MODE=webhook' });
    }
  });

export type Config = z.infer<typeof configSchema>;

/** The backend of queues and bot state this configuration selects (the embedded database implies `postgres`). */
export function stateBackendOf(config: Pick<Config, 'STATE_BACKEND' | 'DATABASE_URL'>): 'redis' | 'postgres' {
  return config.STATE_BACKEND ?? (config.DATABASE_URL ? 'redis' : 'postgres');
}

/** The seed URLs of REDIS_URL: one for a single server, several for a Redis Cluster. */
export function redisUrlsOf(config: Pick<Config, 'REDIS_URL'>): string[] {
  return config.REDIS_URL.split(',');
}

function isValidTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

export type ConfigResult = { ok: true; config: Config } | { ok: false; problems: string[] };

/** Parses the environment; on failure returns one line per problem, every problem at once. */
export function parseConfig(env: Record<string, string | undefined>): ConfigResult {
  const r = configSchema.safeParse(env);
  if (r.success) return { ok: true, config: r.data };
  const problems = r.error.issues.map((i) => {
    const key = i.path.join('.') || '(config)';
    const value = typeof i.path[0] === 'string' ? env[i.path[0]] : undefined;
    const shown = value === undefined ? '' : ` (got "${redactSecret(i.path[0] as string, value)}")`;
    return `${key}: ${i.message}${shown}`;
  });
  return { ok: false, problems };
}

function redactSecret(key: string, value: string): string {
  if (/TOKEN|SECRET|PASSWORD/.test(key)) return value.length > 6 ? `${value.slice(0, 3)}…` : '…';
  if (key.endsWith('_URL')) return value.replace(/\/\/([^:@/]+):([^@/]+)@/, '//$1:***@');
  return value.length > 80 ? `${value.slice(0, 77)}…` : value;
}

/** Entry-point helper: parse or print every problem (one line each) and exit non-zero. */
export function loadConfigOrExit(env: Record<string, string | undefined>): Config {
  const r = parseConfig(env);
  if (r.ok) return r.config;
  process.stderr.write(`Invalid configuration (${r.problems.length} problem${r.problems.length > 1 ? 's' : ''}):\n`);
  for (const p of r.problems) process.stderr.write(`  ${p}\n`);
  process.exit(2);
}
