import { resolve } from 'node:path';
import { schemeIdSchema, type SchemeId } from '@mttq/core';
import { z } from 'zod';
import { DEFAULT_DEMO_PASSWORD } from './demo/demo-accounts';
import { describeTileUrlProblem } from './http/web-config';

const REPO_ROOT = resolve(new URL('../../..', import.meta.url).pathname);

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65_535).default(8080),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_PATH: z.string().min(1).default('data/app.db'),
  DEFAULT_SCHEME: z.enum(schemeIdSchema.options, { message: 'must be legacy63 or reform34' }).optional(),
  PUBLIC_READ: z.enum(['0', '1'], { message: 'must be 1 (dashboards readable without sign-in) or 0 (sign-in required)' }).default('0'),
  DEMO: z.enum(['0', '1'], { message: 'must be 1 (seed an empty database with demo data) or 0 (never seed)' }).default('1'),
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
});

export interface Config {
  port: number;
  host: string;
  /** Absolute path; relative DATABASE_PATH values are taken from the repository root. */
  databasePath: string;
  seedDemo: boolean;
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
  const { PORT, HOST, DATABASE_PATH, DEMO, DEMO_PASSWORD, DEFAULT_SCHEME, PUBLIC_READ, TRUST_PROXY, MAP_TILE_URL, MAP_TILE_ATTRIBUTION } = parsed.data;
  return {
    port: PORT,
    host: HOST,
    databasePath: DATABASE_PATH === ':memory:' ? DATABASE_PATH : resolve(REPO_ROOT, DATABASE_PATH),
    seedDemo: DEMO === '1',
    demoPassword: DEMO_PASSWORD,
    defaultScheme: DEFAULT_SCHEME,
    publicRead: PUBLIC_READ === '1',
    trustProxy: TRUST_PROXY === '1',
    webDist: resolve(REPO_ROOT, 'apps/web/dist'),
    mapTileUrl: MAP_TILE_URL,
    mapTileAttribution: MAP_TILE_ATTRIBUTION,
  };
}
