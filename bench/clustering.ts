/**
 * Clustering cost per report (band locks + candidate lookup by LSH band keys + similarity +
 * attach and counter refresh) at 10k, 100k and 1M stored reports. The store is generated in a
 * dedicated PostgreSQL schema with INSERT … SELECT generate_series (band indexes and keys dropped
 * during the load and rebuilt after, the same final layout as the migrations) (16 band rows per report,
 * groups of 5 near-duplicate reports, everything inside the 14-day window: the worst case).
 * Each probe runs the real code in a transaction that is rolled back, so the size stays fixed.
 * Prints figures; asserts nothing.
 * Run: npx tsx bench/clustering.ts [sizes=10000,100000,1000000] [probes=300]
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { assignGroup, refreshGroup } from '../src/app/issue-groups/assign.js';
import { idfTable } from '../src/app/issue-groups/fingerprint.js';
import { lockBands } from '../src/db/repositories/issue-groups-repository.js';
import { trainTopicModel } from '../src/nlp/topic-model.js';
import { readCorpus } from '../src/app/analysis/topic-models.js';
import { benchDatabase, percentile, performance } from './support.js';

const SIZES = (process.argv[2] ?? '10000,100000,1000000').split(',').map(Number);
const PROBES = Number(process.argv[3] ?? 300);
const PER_GROUP = 5;
const BANDS = 16;

const pool = readCorpus().map((e) => e.text);
/** The synthetic band key of group g, band b (same formula as the SQL below). */
const keyOf = (g: number, b: number) => `${b}-${((BigInt(g * BANDS + b) * 2654435761n) % 4294967296n).toString(16)}`;

const db = await benchDatabase(4);
const sql = db.sql;
const model = trainTopicModel(readCorpus());
const idf = idfTable(model.vocab, model.idf);
const BAND_INDEXES = [`"ReportBand_bandKey_createdAt_idx"`, `"ReportBand_reportId_idx"`];

async function grow(from: number, to: number): Promise<number> {
  const t = performance.now();
  for (const ix of BAND_INDEXES) await sql.exec(`DROP INDEX IF EXISTS ${ix}`);
  await sql.exec(`ALTER TABLE "ReportBand" DROP CONSTRAINT IF EXISTS "ReportBand_pkey"`);
  await sql.exec(`ALTER TABLE "ReportBand" DROP CONSTRAINT IF EXISTS "ReportBand_reportId_fkey"`);
  await sql.query(
    `INSERT INTO "IssueGroup" (id, title, "mainTopic", "topTerms", "reportCount", "unitCount", "moodMix", "firstSeenAt", "lastSeenAt", "updatedAt")
     SELECT g + 1, 'g' || g, 'economy', '{}', ${PER_GROUP}, 1, '{}', now() - interval '10 days', now() AT TIME ZONE 'UTC', now()
       FROM generate_series($1::int, $2::int - 1) g`,
    [from / PER_GROUP, to / PER_GROUP],
  );
  await sql.query(
    `INSERT INTO "Report" (id, reference, "memberId", "unitId", content, "redactedContent", status, "finalMood", "topicSlug", "issueGroupId", "createdAt")
     SELECT i + 1, 'G-' || i, 1, 1, p.t, p.t, 'analysed', 'worried', 'economy', i / ${PER_GROUP} + 1,
            (now() AT TIME ZONE 'UTC') - ((i % 1200000) * interval '1 second')
       FROM generate_series($1::int, $2::int - 1) i JOIN bench_pool p ON p.id = (i / ${PER_GROUP}) % $3`,
    [from, to, pool.length],
  );
  await sql.query(
    `INSERT INTO "ReportBand" ("bandKey", "reportId", "createdAt")
     SELECT b || '-' || to_hex((((i / ${PER_GROUP})::bigint * ${BANDS} + b) * 2654435761) % 4294967296), i + 1,
            (now() AT TIME ZONE 'UTC') - ((i % 1200000) * interval '1 second')
       FROM generate_series($1::int, $2::int - 1) i CROSS JOIN generate_series(0, ${BANDS - 1}) b`,
    [from, to],
  );
  await sql.exec(`ALTER TABLE "ReportBand" ADD CONSTRAINT "ReportBand_pkey" PRIMARY KEY ("bandKey", "reportId")`);
  await sql.exec(`CREATE INDEX "ReportBand_bandKey_createdAt_idx" ON "ReportBand" ("bandKey", "createdAt")`);
  await sql.exec(`CREATE INDEX "ReportBand_reportId_idx" ON "ReportBand" ("reportId")`);
  await sql.exec(
    `ALTER TABLE "ReportBand" ADD CONSTRAINT "ReportBand_reportId_fkey" FOREIGN KEY ("reportId") REFERENCES "Report"("id") ON DELETE CASCADE ON UPDATE CASCADE`,
  );
  await sql.exec(`SELECT setval(pg_get_serial_sequence('"IssueGroup"', 'id'), (SELECT max(id) FROM "IssueGroup")); ANALYZE`);
  return performance.now() - t;
}

class Rollback extends Error {}

/** One probe: the clustering steps of an analysis for a near-duplicate of group g, rolled back. */
async function probe(g: number, id: number): Promise<number> {
  const keys = Array.from({ length: BANDS }, (_, b) => keyOf(g, b));
  const text = pool[g % pool.length] as string;
  const t = performance.now();
  await sql
    .transaction(async (tx) => {
      await lockBands(tx, keys);
      const a = await assignGroup(tx, { reportId: id, text, bandKeys: keys, since: new Date(Date.now() - 14 * 86_400_000), first: { mainTopic: 'economy', mood: 'worried', at: new Date() }, idf });
      if (!a.created) await refreshGroup(tx, a.groupId, { locked: true });
      throw new Rollback();
    })
    .catch((e) => {
      if (!(e instanceof Rollback)) throw e;
    });
  return performance.now() - t;
}

try {
  await sql.exec(`CREATE TABLE bench_pool (id int PRIMARY KEY, t text)`);
  await sql.query(`INSERT INTO bench_pool SELECT n - 1, t FROM unnest($1::text[]) WITH ORDINALITY x(t, n)`, [pool]);
  await sql.exec(`INSERT INTO "Unit" (id, name, path, "updatedAt") VALUES (1, 'bench', '{1}', now());
                  INSERT INTO "Member" (id, "telegramUserId", "displayName", role, "unitId") VALUES (1, 1, 'bench', 'collaborator', 1)`);
  let size = 0;
  const firstFigure: number[] = [];
  for (const target of SIZES) {
    const ms = await grow(size, target);
    size = target;
    const groups = size / PER_GROUP;
    for (let i = 0; i < 30; i += 1) await probe((i * 7919) % groups, 10_000_000 + i); // warm-up
    const times: number[] = [];
    for (let i = 0; i < PROBES; i += 1) times.push(await probe((i * 104_729 + 13) % groups, 20_000_000 + i));
    const mean = times.reduce((s, x) => s + x, 0) / times.length;
    firstFigure.push(mean);
    console.log(
      `clustering at ${size.toLocaleString('en')} stored reports (${(size * BANDS).toLocaleString('en')} band rows; generated in ${(ms / 1000).toFixed(1)} s): ` +
        `mean ${mean.toFixed(2)} ms, p50 ${percentile(times, 50).toFixed(2)} ms, p99 ${percentile(times, 99).toFixed(2)} ms per report` +
        `  (x${(mean / (firstFigure[0] as number)).toFixed(2)} of the first size)`,
    );
  }
} finally {
  await db.destroy();
}
