import { resolve } from 'node:path';
import { schemeIdSchema, type SchemeId } from '@mttq/core';
import { z } from 'zod';
import { DEFAULT_DEMO_PASSWORD } from './demo/demo-accounts';
import { MAX_DEMO_SCALE, MAX_DEMO_YEARS } from './demo/generate-demo';
import { LOG_LEVELS, type LogLevel } from './http/request-log';
import { describeTileUrlProblem } from './http/web-config';
import { describePlatformUrlProblem, parseConnectorKey } from './connectors/settings';

export const REPO_ROOT = resolve(new URL('../../..', import.meta.url).pathname);

/** A platform API base URL: https, or http on this machine only (a stand-in); '' keeps the default. */
const platformUrl = (fallback: string) =>
  z
    .string()
    .trim()
    .optional()
    .transform((value) => value || fallback)
    .superRefine((value, ctx) => {
      const problem = value ? describePlatformUrlProblem(value) : null;
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    });

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65_535).default(8080),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_PATH: z.string().min(1).default('data/app.db'),
  DEFAULT_SCHEME: z.enum(schemeIdSchema.options, { message: 'must be legacy63 or reform34' }).optional(),
  PUBLIC_READ: z.enum(['0', '1'], { message: 'must be 1 (dashboards readable without sign-in) or 0 (sign-in required)' }).default('0'),
  DEMO: z.enum(['0', '1'], { message: 'must be 1 (seed an empty database with demo data) or 0 (never seed)' }).default('1'),
  DEMO_SCALE: z.coerce
    .number({ message: `must be a whole number from 1 to ${MAX_DEMO_SCALE}, e.g. 10 for about ten times the demo pages` })
    .int({ message: `must be a whole number from 1 to ${MAX_DEMO_SCALE}, e.g. 10 for about ten times the demo pages` })
    .min(1, { message: 'must be at least 1 (the demo as it is)' })
    .max(MAX_DEMO_SCALE, { message: `must be at most ${MAX_DEMO_SCALE}` })
    .default(1),
  DEMO_YEARS: z.coerce
    .number({ message: `must be a whole number of years from 1 to ${MAX_DEMO_YEARS}, e.g. 10` })
    .int({ message: `must be a whole number of years from 1 to ${MAX_DEMO_YEARS}, e.g. 10` })
    .min(1, { message: 'must be at least 1' })
    .max(MAX_DEMO_YEARS, { message: `must be at most ${MAX_DEMO_YEARS}` })
    .default(5),
  TRUST_PROXY: z
    .enum(['0', '1'], { message: 'must be 1 (behind a reverse proxy: take the client address from x-forwarded-for) or 0 (the socket address)' })
    .default('0'),
  DEMO_PASSWORD: z
    .string()
    .min(1, { message: 'must not be empty: it is the password of the demo accounts (default demo)' })
    .max(256, { message: 'must have at most 256 characters, the most sign-in accepts' })
    .default(DEFAULT_DEMO_PASSWORD),
  // Unset or empty: no tile layer, so the maps make no request beyond this server.
  MAP_TILE_URL: z
    .string()
    .trim()
    .optional()
    .transform((value) => value || null)
    .superRefine((value, ctx) => {
      const problem = value === null ? null : describeTileUrlProblem(value);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    }),
  MAP_TILE_ATTRIBUTION: z
    .string()
    .trim()
    .max(1000, { message: 'must have at most 1000 characters: it is the credit line under the map, e.g. © OpenStreetMap contributors' })
    .optional()
    .transform((value) => value || null),
  LOG_LEVEL: z.enum(LOG_LEVELS, { message: `must be one of ${LOG_LEVELS.join(', ')} (default info: one line per request)` }).default('info'),
  BACKUP_DIR: z.string().trim().min(1, { message: 'must not be empty: it is the directory of backups (default data/backups)' }).default('data/backups'),
  // Unset, empty or 0: no scheduled backups. At most 24 days (Node's longest timer).
  BACKUP_INTERVAL_HOURS: z
    .string()
    .trim()
    .optional()
    .transform((value) => (value ? Number(value) : 0))
    .pipe(z.number({ message: 'must be a number of hours, e.g. 24 (0 or unset: no scheduled backups)' }).min(0, { message: 'must be 0 (off) or more hours' }).max(576, { message: 'must be at most 576 hours (24 days)' })),
  BACKUP_KEEP: z.coerce
    .number({ message: 'must be a whole number of backups to keep, e.g. 7' })
    .int({ message: 'must be a whole number of backups to keep, e.g. 7' })
    .min(1, { message: 'must be at least 1: the newest backup is always kept' })
    .max(10_000, { message: 'must be at most 10000' })
    .default(7),
  // Connectors (apps/api/src/connectors). Unset or empty CONNECTOR_KEY: collection is off and the
  // connectors screen says why. The value is never printed, not even in this error.
  CONNECTOR_KEY: z
    .string()
    .optional()
    .superRefine((value, ctx) => {
      const { problem } = parseConnectorKey(value);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    }),
  // Day of the month the previous month is collected (1-28, default 1); off or 0: no schedule.
  COLLECT_DAY: z
    .string()
    .trim()
    .optional()
    .transform((value) => (!value ? 1 : value === 'off' || value === '0' ? null : Number(value)))
    .pipe(z.number({ message: 'must be a day of the month from 1 to 28, or off' }).int({ message: 'must be a day of the month from 1 to 28, or off' }).min(1).max(28, { message: 'must be at most 28, so every month has it' }).nullable()),
  FACEBOOK_API_URL: platformUrl('https://graph.facebook.com/v23.0'),
  YOUTUBE_API_URL: platformUrl('https://www.googleapis.com/youtube/v3'),
  ZALO_API_URL: platformUrl('https://openapi.zalo.me'),
  // Unset: https://oauth.zaloapp.com, or ZALO_API_URL when that is set (a stand-in serves both).
  ZALO_OAUTH_URL: platformUrl(''),
});

export interface Config {
  port: number;
  host: string;
  /** Absolute path; relative DATABASE_PATH values are taken from the repository root. */
  databasePath: string;
  seedDemo: boolean;
  /** DEMO_SCALE and DEMO_YEARS: the size of the demo data seeded into an empty database (demo/generate-demo.ts). */
  demoSize: { scale: number; years: number };
  /** The password of the demo accounts created along with demo data. */
  demoPassword: string;
  /** Reads without sign-in (writes always need one). */
  publicRead: boolean;
  /** TRUST_PROXY=1: sign-in limits count the last x-forwarded-for address, not the socket's (the proxy's). */
  trustProxy: boolean;
  /** DEFAULT_SCHEME: the scheme the API answers in when a request names none; unset: the one in force today. */
  defaultScheme: SchemeId | undefined;
  /** The built web app served at /. */
  webDist: string;
  /** MAP_TILE_URL: a tile URL template for the bubble map; null (the default): no tiles. */
  mapTileUrl: string | null;
  /** MAP_TILE_ATTRIBUTION: the tile server's credit line; null: none. */
  mapTileAttribution: string | null;
  /** LOG_LEVEL: error, warn, info (one JSON line per request; the default), debug, or silent. */
  logLevel: LogLevel;
  /** BACKUP_DIR, absolute (relative values are taken from the repository root): where npm run backup and scheduled backups write. */
  backupDir: string;
  /** BACKUP_INTERVAL_HOURS: hours between the server's own backups; 0 (the default): none. */
  backupIntervalHours: number;
  /** BACKUP_KEEP: after a scheduled backup, the newest this many backups of the database in backupDir are kept (default 7). */
  backupKeep: number;
  /** CONNECTOR_KEY: the 32-byte key connector credentials are encrypted with; null: connectors off. */
  connectorKey: Buffer | null;
  /** COLLECT_DAY: day of the month the previous month's figures are collected; null: no schedule. */
  collectDay: number | null;
  /** FACEBOOK_API_URL, YOUTUBE_API_URL, ZALO_API_URL, ZALO_OAUTH_URL: where the connectors send their requests. */
  platformUrls: { facebook: string; youtube: string; zalo: string; zaloOauth: string };
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Reads configuration from environment variables; a bad value names the variable and the fix. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(`Invalid ${issue?.path.join('.')}: ${issue?.message}`);
  }
  const { PORT, HOST, DATABASE_PATH, DEMO, DEMO_PASSWORD, DEFAULT_SCHEME, PUBLIC_READ, TRUST_PROXY, MAP_TILE_URL, MAP_TILE_ATTRIBUTION, LOG_LEVEL, BACKUP_DIR, BACKUP_INTERVAL_HOURS, BACKUP_KEEP } = parsed.data;
  return {
    port: PORT,
    host: HOST,
    databasePath: DATABASE_PATH === ':memory:' ? DATABASE_PATH : resolve(REPO_ROOT, DATABASE_PATH),
    seedDemo: DEMO === '1',
    demoSize: { scale: parsed.data.DEMO_SCALE, years: parsed.data.DEMO_YEARS },
    demoPassword: DEMO_PASSWORD,
    defaultScheme: DEFAULT_SCHEME,
    publicRead: PUBLIC_READ === '1',
    trustProxy: TRUST_PROXY === '1',
    webDist: resolve(REPO_ROOT, 'apps/web/dist'),
    mapTileUrl: MAP_TILE_URL,
    mapTileAttribution: MAP_TILE_ATTRIBUTION,
    logLevel: LOG_LEVEL,
    backupDir: resolve(REPO_ROOT, BACKUP_DIR),
    backupIntervalHours: BACKUP_INTERVAL_HOURS,
    backupKeep: BACKUP_KEEP,
    connectorKey: parseConnectorKey(parsed.data.CONNECTOR_KEY).key,
    collectDay: parsed.data.COLLECT_DAY,
    platformUrls: {
      facebook: parsed.data.FACEBOOK_API_URL,
      youtube: parsed.data.YOUTUBE_API_URL,
      zalo: parsed.data.ZALO_API_URL,
      zaloOauth: parsed.data.ZALO_OAUTH_URL || (env.ZALO_API_URL?.trim() ? parsed.data.ZALO_API_URL : 'https://oauth.zaloapp.com'),
    },
  };
}
