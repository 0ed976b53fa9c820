import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { configSchema, parseConfig } from '../../../src/config.js';

const root = resolve(import.meta.dirname, '../../..');
const compose = parse(readFileSync(resolve(root, 'docker-compose.yml'), 'utf8'), { merge: true }) as {
  services: Record<string, { image?: string; build?: string; command?: string[] | string; environment?: Record<string, string>; healthcheck?: { test: string[] }; depends_on?: Record<string, { condition: string }> }>;
  volumes: Record<string, unknown>;
};
const schemaKeys = Object.keys(configSchema.shape ?? (configSchema as unknown as { _def: { schema: { shape: object } } })._def.schema.shape);

describe('Dockerfile', () => {
  const dockerfile = readFileSync(resolve(root, 'Dockerfile'), 'utf8');
  const stages = dockerfile.split(/^FROM /m).slice(1);
  const final = stages.at(-1)!;

  it('is multi-stage: compiles in a build stage, installs production dependencies apart', () => {
    expect(stages.length).toBeGreaterThanOrEqual(3);
    expect(dockerfile).toMatch(/AS build\n[\s\S]*RUN npm run db:generate && npm run build/);
    expect(dockerfile).toMatch(/npm ci --omit=dev --ignore-scripts/);
  });

  it('runs the built code with plain node: no dev dependencies, no tsx, no sources in the final image', () => {
    expect(final).toContain('COPY --from=build /app/dist ./dist');
    expect(final).toContain('COPY --from=deps /app/node_modules ./node_modules');
    expect(final).not.toMatch(/--include=dev|npm ci(?! --omit=dev)|tsx|COPY \. \./);
    expect(final).toMatch(/CMD \["node", "dist\/src\/main\.js", "all"\]/);
  });

  it('runs every process with a small young generation, and `npm run start*` passes the same flags', () => {
    const flags = /^ENV NODE_OPTIONS="([^"]*)"/m.exec(final)?.[1];
    expect(flags).toMatch(/^--max-semi-space-size=\d+$/);
    const pkg = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    const starts = Object.entries(pkg.scripts).filter(([name]) => name === 'start' || name.startsWith('start:'));
    expect(starts.length).toBe(4);
    for (const [name, cmd] of starts) expect(cmd, name).toMatch(new RegExp(`^node ${flags} dist/src/main\\.js (all|bot|workers|web)$`));
  });

  it('keeps tsx and the test tools out of the production dependencies', () => {
    const pkg = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };
    for (const dev of ['tsx', 'typescript', 'vitest', 'yaml', 'prisma', '@prisma/schema-engine-wasm']) {
      expect(pkg.dependencies, dev).not.toHaveProperty(dev);
      expect(pkg.devDependencies, dev).toHaveProperty(dev);
    }
  });
});

describe('docker-compose.yml', () => {
  it('runs PostgreSQL 16 and Redis 7 with health checks and volumes', () => {
    const { postgres, redis } = compose.services;
    expect(postgres?.image).toBe('postgres:16');
    expect(redis?.image).toBe('redis:7');
    expect(postgres?.healthcheck?.test.join(' ')).toContain('pg_isready');
    expect(redis?.healthcheck?.test.join(' ')).toContain('ping');
    expect(Object.keys(compose.volumes).sort()).toEqual(['pgdata', 'redisdata']);
  });

  it('configures Redis as BullMQ requires: appendonly yes, noeviction', () => {
    const cmd = ([] as string[]).concat(compose.services.redis!.command ?? []).join(' ');
    expect(cmd).toMatch(/--appendonly yes/);
    expect(cmd).toMatch(/--maxmemory-policy noeviction/);
  });

  it('builds bot, workers and web from the Dockerfile, waiting for healthy databases', () => {
    for (const name of ['bot', 'workers', 'web']) {
      const s = compose.services[name]!;
      expect(s.build).toBe('.');
      expect(([] as string[]).concat(s.command ?? [])).toEqual(['node', 'dist/src/main.js', name]);
      expect(s.depends_on).toEqual({ postgres: { condition: 'service_healthy' }, redis: { condition: 'service_healthy' } });
    }
    expect(compose.services.web!.healthcheck?.test.join(' ')).toContain('/health');
  });

  it('passes only known variables, and each app service environment is a valid configuration', () => {
    for (const name of ['bot', 'workers', 'web']) {
      const env = compose.services[name]!.environment ?? {};
      for (const key of Object.keys(env)) expect(schemaKeys, `${name}.${key}`).toContain(key);
      // substitute ${VAR:-default} with its default, as compose does with an empty .env
      const resolved = Object.fromEntries(Object.entries(env).map(([k, v]) => [k, String(v).replace(/\$\{[A-Z_]+:-([^}]*)\}/g, '$1')]));
      const r = parseConfig(resolved);
      expect(r.ok ? [] : r.problems, name).toEqual([]);
      if (r.ok) expect(r.config.DATABASE_URL).toMatch(/@postgres:5432\//);
    }
  });

  it('selects the state backend by configuration (Redis by default in compose) and the main-thread bot', () => {
    const env = compose.services.bot!.environment ?? {};
    expect(env.STATE_BACKEND).toBe('${STATE_BACKEND:-redis}');
    expect(env.BOT_THREADS).toBe('${BOT_THREADS:-0}');
  });

  it('.env.example documents every configuration variable', () => {
    const example = readFileSync(resolve(root, '.env.example'), 'utf8');
    const documented = [...example.matchAll(/^([A-Z_]+)=/gm)].map((m) => m[1]).sort();
    expect(documented).toEqual([...schemaKeys].sort());
  });
});
