/**
 * The dashboard benchmarks' data: 1,000 units (a root, 40 committees of 25 units with their
 * branches), ~9,600 collaborators, and N reports (default 1,000,000) spread over the last 365
 * days in the order they were sent (as in production: rows lie in the table by time), written by SQL in batches through the real schema (the search trigger folds every text,
 * as in production). Texts are the corpus' sentences with a distinguishing tail. Kept in the
 * schema `bench_dashboard` of the test database and reused by later runs (`--fresh` rebuilds).
 *
 *   npx tsx bench/dashboard-data.ts [reports] [--fresh]
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import pg from 'pg';
import { seedTaxonomy } from '../src/app/admin/units.js';
import { openDatabase, type Database } from '../src/db/client.js';
import { applyMigrations, readMigrations } from '../src/db/migrate.js';
import { createRepositories } from '../src/db/repositories/index.js';
import { MOODS, TOPIC_SLUGS } from '../src/domain/vocabulary.js';
import { MIGRATIONS_DIR, TEST_DATABASE_URL } from '../test/support/db.js';

export const BENCH_SCHEMA = 'bench_dashboard';
export const BENCH_URL = `${TEST_DATABASE_URL}?schema=${BENCH_SCHEMA}`;

/** Opens the benchmark schema, building it (or growing it to `reports`) when needed. */
export async function openBenchData(reports: number, fresh = false, log: (s: string) => void = console.log): Promise<Database> {
  const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await admin.connect();
  if (fresh) await admin.query(`DROP SCHEMA IF EXISTS "${BENCH_SCHEMA}" CASCADE`);
  await admin.query(`CREATE SCHEMA IF NOT EXISTS "${BENCH_SCHEMA}"`);
  await admin.end();
  const db = await openDatabase({ url: BENCH_URL, poolSize: 10 });
  await applyMigrations(db.sql, readMigrations(MIGRATIONS_DIR));
  const [{ n }] = (await db.sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM "Unit"`)) as [{ n: number }];
  if (n === 0) await seedTree(db, log);
  const [{ have }] = (await db.sql.query<{ have: number }>(`SELECT count(*)::int AS have FROM "Report"`)) as [{ have: number }];
  if (have < reports) await insertReports(db, have, reports, log);
  return db;
}

async function seedTree(db: Database, log: (s: string) => void): Promise<void> {
  const repos = createRepositories(db);
  await seedTaxonomy({ repos, clock: () => new Date() });
  const nodes: { name: string; parentIndex?: number }[] = [{ name: 'Đảng ủy Khối (bench)' }];
  for (let c = 0; c < 40; c += 1) {
    const ci = nodes.length;
    nodes.push({ name: `Đảng ủy ${c + 1}`, parentIndex: 0 });
    for (let b = 0; b < (c === 39 ? 23 : 24); b += 1) nodes.push({ name: `Chi bộ ${c + 1}.${b + 1}`, parentIndex: ci });
  }
  const units = await repos.units.importTree(nodes);
  log(`units: ${units.length}`);
  const branches = units.filter((u) => u.depth === 2);
  const rows: string[] = [];
  let tg = 5_000_000;
  for (const u of branches) for (let k = 0; k < 10; k += 1) rows.push(`(${(tg += 1)}, ${tg}, 'CTV ${u.id}-${k}', 'collaborator', ${u.id}, now())`);
  for (const u of units.filter((x) => x.depth < 2)) rows.push(`(${(tg += 1)}, ${tg}, 'Lãnh đạo ${u.id}', 'leader', ${u.id}, now())`);
  rows.push(`(${(tg += 1)}, ${tg}, 'Quản trị bench', 'admin', ${units[0]!.id}, now())`);
  await db.sql.query(`INSERT INTO "Member" ("telegramUserId", "chatId", "displayName", role, "unitId", "joinedAt") VALUES ${rows.join(',')}`);
  log(`members: ${rows.length}`);
}

function corpusTexts(): string[] {
  const root = resolve(import.meta.dirname, '../corpus');
  return ['topics-train.jsonl', 'dev.jsonl'].flatMap((f) =>
    readFileSync(resolve(root, f), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => (JSON.parse(l) as { text: string }).text),
  );
}

async function insertReports(db: Database, from: number, to: number, log: (s: string) => void): Promise<void> {
  const members = await db.sql.query<{ id: number; unitId: number }>(`SELECT id, "unitId" FROM "Member" WHERE role = 'collaborator' ORDER BY id`);
  const texts = corpusTexts();
  const now = Date.now();
  const batch = 50_000;
  await db.sql.query(`SELECT setseed(0.4242)`);
  const started = Date.now();
  for (let at = from; at < to; at += batch) {
    const n = Math.min(batch, to - at);
    await db.sql.query(
      `INSERT INTO "Report" (reference, "memberId", "unitId", content, mood, spread, source, status, "createdAt", "analysedAt",
                             "redactedContent", "topicSlug", "finalMood", "urgencyScore", "urgencyLevel", language)
       SELECT 'B-' || lpad(g::text, 7, '0'), ($1::int[])[x.k], ($2::int[])[x.k], x.txt, x.mood::"Mood", 'unit', 'conversation', 'analysed',
              x.at, x.at, x.txt, x.topic, x.mood::"Mood", x.score, (CASE WHEN x.score >= 85 THEN 'critical' WHEN x.score >= 60 THEN 'high' ELSE 'normal' END)::"UrgencyLevel", 'vi'
         FROM generate_series($4::int + 1, $4::int + $5::int) g
         CROSS JOIN LATERAL (
           SELECT 1 + floor(random() * array_length($1::int[], 1))::int + 0 * g AS k,
                  ($3::text[])[1 + floor(random() * array_length($3::text[], 1))::int] || ' (lần ' || g || ')' AS txt,
                  ($6::text[])[1 + floor(random() * array_length($6::text[], 1))::int] AS topic,
                  ($7::text[])[1 + floor(random() * array_length($7::text[], 1))::int] AS mood,
                  floor(power(random(), 3) * 100)::int AS score,
                  (to_timestamp($8::float8 / 1000) AT TIME ZONE 'UTC') - interval '365 days' + (g - 1 + random()) / $9::float8 * interval '365 days' AS at) x`,
      [members.map((m) => m.id), members.map((m) => m.unitId), texts, at, n, [...TOPIC_SLUGS], [...MOODS], now, to],
    );
    log(`reports: ${at + n} (${Math.round((at + n - from) / ((Date.now() - started) / 1000))}/s)`);
  }
  await db.sql.query(`UPDATE "Member" m SET "lastReportAt" = s.last FROM (SELECT "memberId", max("createdAt") AS last FROM "Report" GROUP BY 1) s WHERE s."memberId" = m.id`);
  for (const table of ['Report', 'Member', 'UnitClosure']) await db.sql.query(`VACUUM ANALYZE "${table}"`);
  log(`analysed in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const reports = Number(process.argv.find((a) => /^\d+$/.test(a)) ?? 1_000_000);
  const db = await openBenchData(reports, process.argv.includes('--fresh'));
  await db.close();
}
